using Kiosk.Server.Attendees;
using Kiosk.Server.Audit;
using Kiosk.Server.Badges;
using Kiosk.Server.CheckIn;
using Kiosk.Server.Events;
using Kiosk.Server.Rooms;
using Kiosk.Server.Staff;
using Kiosk.Server.Terminals;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Data;

/// <summary>
/// The one DbContext. Each database engine has a small subclass (SqliteKioskDb in SqliteEngine.cs, and so on)
/// only so that each keeps its own migrations; features always ask for <see cref="KioskDb"/>.
/// </summary>
public abstract class KioskDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Attendee> Attendees => Set<Attendee>();
    public DbSet<Badge> Badges => Set<Badge>();
    public DbSet<BadgeKey> BadgeKeys => Set<BadgeKey>();
    public DbSet<CheckInRecord> CheckIns => Set<CheckInRecord>();
    public DbSet<Terminal> Terminals => Set<Terminal>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<PresenceScan> PresenceLog => Set<PresenceScan>();
    public DbSet<RoomSession> Sessions => Set<RoomSession>();
    public DbSet<CategoryHandoutNote> CategoryHandouts => Set<CategoryHandoutNote>();
    public DbSet<SessionBooking> SessionBookings => Set<SessionBooking>();
    public DbSet<SessionWaitlistEntry> SessionWaitlist => Set<SessionWaitlistEntry>();
    public DbSet<Desk.Reprint> Reprints => Set<Desk.Reprint>();
    public DbSet<Desk.PrintBatch> PrintBatches => Set<Desk.PrintBatch>();
    public DbSet<Desk.BadgeCorrectionRequest> CorrectionRequests => Set<Desk.BadgeCorrectionRequest>();
    public DbSet<Desk.CheckInUndo> CheckInUndos => Set<Desk.CheckInUndo>();
    public DbSet<Desk.ConflictReview> ConflictReviews => Set<Desk.ConflictReview>();
    public DbSet<WalkIns.WalkInBadge> WalkInBadges => Set<WalkIns.WalkInBadge>();
    public DbSet<Reports.OccupancySnapshot> OccupancySnapshots => Set<Reports.OccupancySnapshot>();
    public DbSet<Mail.ConfirmationMail> ConfirmationMails => Set<Mail.ConfirmationMail>();
    public DbSet<Attendees.Import.ImportRun> ImportRuns => Set<Attendees.Import.ImportRun>();
    public DbSet<Attendees.Import.ImportChoice> ImportChoices => Set<Attendees.Import.ImportChoice>();
    public DbSet<Registrations.RegistrationForm> RegistrationForms => Set<Registrations.RegistrationForm>();
    public DbSet<Registrations.RegistrationCategory> RegistrationCategories => Set<Registrations.RegistrationCategory>();
    public DbSet<Registrations.Registration> Registrations => Set<Registrations.Registration>();
    public DbSet<Registrations.RegistrationMail> RegistrationMails => Set<Registrations.RegistrationMail>();
    public DbSet<DatabaseGeneration> DatabaseGenerations => Set<DatabaseGeneration>();

    /// <summary>The engine this context runs on.</summary>
    internal abstract DatabaseEngine Engine { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        Engine.ConfigureConventions(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KioskDb).Assembly);
}
