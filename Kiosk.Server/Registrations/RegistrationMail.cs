using Kiosk.Server.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Registrations;

/// <summary>The mails of online registration, each written in the registrant's language when it is sent.</summary>
public enum RegistrationMailKind
{
    /// <summary>The double opt-in link: "confirm your registration".</summary>
    ConfirmLink = 0,

    /// <summary>Someone registered again with an address that already has an attendee: "you are already registered".</summary>
    AlreadyRegistered = 1,

    /// <summary>A seat in a full session became free for the first on its waitlist: "take it by …" (<see cref="RegistrationMail.SessionId"/>).</summary>
    SeatOffered = 2,

    /// <summary>An organizer refused a registration of a "needs approval" category.</summary>
    Refused = 3,

    /// <summary>The attendee asked for the link to "Meine Anmeldung" again (by their address, on the page that asks for it).</summary>
    MyLink = 4,
}

/// <summary>
/// One registration mail to send, queued in the transaction that makes it necessary and sent by a job, with the lease
/// and retry rules of <see cref="ConfirmationMails"/>. Like a confirmation mail it stores no address and no link: the
/// address is read from the registration (or attendee) when sending and the link is signed then, so the table holds
/// nothing personal and nothing that opens a registration.
/// </summary>
public sealed class RegistrationMail
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public RegistrationMailKind Kind { get; set; }
    public Guid? RegistrationId { get; set; }
    public int? AttendeeId { get; set; }

    /// <summary>The session of a <see cref="RegistrationMailKind.SeatOffered"/> mail.</summary>
    public int? SessionId { get; set; }

    /// <summary>"de" or "en".</summary>
    public required string Language { get; set; }

    public ConfirmationMailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? MessageId { get; set; }
    public string? LastError { get; set; }
}

internal sealed class RegistrationMailConfiguration : IEntityTypeConfiguration<RegistrationMail>
{
    public void Configure(EntityTypeBuilder<RegistrationMail> e)
    {
        e.ToTable("RegistrationMails");
        e.Property(x => x.Language).HasMaxLength(2);
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasIndex(x => new { x.RegistrationId, x.CreatedAt });
        e.HasIndex(x => new { x.AttendeeId, x.CreatedAt });
    }
}
