using Kiosk.Server.Attendees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Mail;

public enum ConfirmationMailStatus
{
    Waiting = 0,
    Sent = 1,
    /// <summary>Given up: the server rejected the recipient, or every attempt failed. An organizer can retry.</summary>
    Failed = 2,
}

/// <summary>
/// The confirmation mail for one badge version of an attendee. The unique (attendee, version) index is what
/// makes "one mail per attendee and per reissue" hold even when two workers queue at once. The address is
/// not stored here: it is read from the attendee when sending, so a corrected address is used and a
/// purge of the attendee leaves nothing personal behind.
/// </summary>
public sealed class ConfirmationMail
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public int AttendeeId { get; set; }
    public int BadgeVersion { get; set; }
    public ConfirmationMailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A worker that claimed the row holds it until then; a crashed worker's claim simply runs out.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Fixed when the mail is first claimed; every attempt sends this one, so a mail sent twice looks like one.</summary>
    public string? MessageId { get; set; }

    /// <summary>A short code only (SMTP status or exception type), never the server's text: that may quote the address.</summary>
    public string? LastError { get; set; }
}

internal sealed class ConfirmationMailConfiguration : IEntityTypeConfiguration<ConfirmationMail>
{
    public void Configure(EntityTypeBuilder<ConfirmationMail> e)
    {
        e.ToTable("ConfirmationMails");
        e.HasIndex(x => new { x.AttendeeId, x.BadgeVersion }).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasIndex(x => new { x.EventId, x.Status });
        e.Property(x => x.MessageId).HasMaxLength(250);
        e.Property(x => x.LastError).HasMaxLength(64);
        e.HasOne<Attendee>().WithMany().HasForeignKey(x => x.AttendeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
