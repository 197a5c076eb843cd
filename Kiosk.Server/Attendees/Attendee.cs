using Kiosk.Server.Badges;
using Kiosk.Server.Events;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Attendees;

public enum AttendeeStatus
{
    Registered = 0,
    Cancelled = 1,
}

/// <summary>A registered person. Only what check-in, the badge and the confirmation mail need.</summary>
public sealed class Attendee
{
    // The columns are as long as the name rules allow (every place that takes names checks those).
    public const int TitleLength = PersonNameRules.MaxTitle;
    public const int NameLength = PersonNameRules.MaxName;
    public const int OrganizationLength = PersonNameRules.MaxOrganization;

    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }

    /// <summary>The registration system's id (e.g. pretix order code and position); the import matches on it first.</summary>
    public string? ExternalId { get; set; }

    public string? Title { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Organization { get; set; }
    public AttendeeCategory Category { get; set; }

    /// <summary>Stored lower-cased so the import can match on it with an index.</summary>
    public string? Email { get; set; }

    public AttendeeStatus Status { get; set; }

    /// <summary>When the attendee first checked in; null until then. Set by a guarded update so only one scan can be first.</summary>
    public DateTimeOffset? CheckedInAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The event's roster change sequence at this attendee's last change: terminals sync what is newer.</summary>
    public long RosterSeq { get; set; }

    /// <summary>When the personal fields were overwritten (retention purge or Art. 17 erasure); null while they are real.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    public Badge? Badge { get; set; }

    public string DisplayName => Kiosk.Shared.Text.PersonNameRules.DisplayName(Title, FirstName, LastName);
}

internal sealed class AttendeeConfiguration : IEntityTypeConfiguration<Attendee>
{
    public void Configure(EntityTypeBuilder<Attendee> e)
    {
        e.Property(x => x.ExternalId).HasMaxLength(100);
        e.Property(x => x.Title).HasMaxLength(Attendee.TitleLength);
        e.Property(x => x.FirstName).HasMaxLength(Attendee.NameLength);
        e.Property(x => x.LastName).HasMaxLength(Attendee.NameLength);
        e.Property(x => x.Organization).HasMaxLength(Attendee.OrganizationLength);
        e.Property(x => x.Email).HasMaxLength(254);
        e.HasIndex(x => new { x.EventId, x.ExternalId }).IsUnique();
        e.HasIndex(x => new { x.EventId, x.Email });
        e.HasIndex(x => new { x.EventId, x.RosterSeq, x.Id });
        e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Badge).WithOne(b => b.Attendee).HasForeignKey<Badge>(b => b.AttendeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
