using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Events;

/// <summary>A fair such as "dikomm 2026" in Essen: the scope of attendees, badges, terminals and check-ins.</summary>
public sealed class Event
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? City { get; set; }
    public string? Venue { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>IANA time zone of the venue; "end of day" and reports are local to it.</summary>
    public string TimeZone { get; set; } = "Europe/Berlin";

    public bool AllowsWalkIns { get; set; }

    /// <summary>Visitors may print their badge once more at the kiosk within minutes of the first print (printer jam). Off by default.</summary>
    public bool SelfServiceReprint { get; set; }

    /// <summary>What a visitor found by name at a kiosk must also type before a badge prints.</summary>
    public SecondFactorKind SecondFactor { get; set; } = SecondFactorKind.Email;

    /// <summary>The newest roster change sequence; every change to the event's attendees takes the next one.</summary>
    public long RosterSeq { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the retention purge anonymised the event's attendees; set once, so the purge runs once.</summary>
    public DateTimeOffset? PurgedAt { get; set; }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.City).HasMaxLength(100);
        e.Property(x => x.Venue).HasMaxLength(200);
        e.Property(x => x.TimeZone).HasMaxLength(64);
    }
}
