using Kiosk.Server.Events;
using Kiosk.Shared.Badges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Registrations;

/// <summary>
/// An event's online registration, as its organizer set it up: when sign-up opens and closes, the privacy notice a
/// registrant must accept (shown as written), and an optional consent to share contact details with exhibitors.
/// An event without one takes no online registrations.
/// </summary>
public sealed class RegistrationForm
{
    public const int MaxNotice = 4000, MaxConsentText = 500, MaxSessions = 50;

    public int EventId { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
    public required string PrivacyNotice { get; set; }

    /// <summary>The notice in English; the German one is shown when there is none.</summary>
    public string? PrivacyNoticeEn { get; set; }

    /// <summary>What the optional consent to share contact details says; null means the form does not ask.</summary>
    public string? ContactSharingText { get; set; }

    public string? ContactSharingTextEn { get; set; }

    public bool IsOpen(DateTimeOffset now) => (OpensAt is null || OpensAt <= now) && (ClosesAt is null || now < ClosesAt);
}

/// <summary>
/// A way to attend that registrants choose ("Öffentliche Verwaltung", "Wirtschaft", "Presse"): what it prints on the
/// badge (<see cref="BadgeCategory"/>), whether an organizer approves each registration, and an optional quota.
/// </summary>
public sealed class RegistrationCategory
{
    public const int MaxName = 100;

    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public AttendeeCategory BadgeCategory { get; set; }
    public bool NeedsApproval { get; set; }

    /// <summary>At most this many registrations (pending ones included, they hold their place); null means no limit.</summary>
    public int? Quota { get; set; }

    /// <summary>The order on the form.</summary>
    public int Position { get; set; }
}

internal sealed class RegistrationFormConfiguration : IEntityTypeConfiguration<RegistrationForm>, IEntityTypeConfiguration<RegistrationCategory>
{
    public void Configure(EntityTypeBuilder<RegistrationForm> e)
    {
        e.ToTable("RegistrationForms");
        e.HasKey(x => x.EventId);
        e.Property(x => x.EventId).ValueGeneratedNever();
        e.Property(x => x.PrivacyNotice).HasMaxLength(RegistrationForm.MaxNotice);
        e.Property(x => x.PrivacyNoticeEn).HasMaxLength(RegistrationForm.MaxNotice);
        e.Property(x => x.ContactSharingText).HasMaxLength(RegistrationForm.MaxConsentText);
        e.Property(x => x.ContactSharingTextEn).HasMaxLength(RegistrationForm.MaxConsentText);
        e.HasOne<Event>().WithOne().HasForeignKey<RegistrationForm>(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RegistrationCategory> e)
    {
        e.ToTable("RegistrationCategories");
        e.Property(x => x.Name).HasMaxLength(RegistrationCategory.MaxName);
        e.Property(x => x.NameEn).HasMaxLength(RegistrationCategory.MaxName);
        e.HasIndex(x => new { x.EventId, x.Position });
        e.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
