using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Rooms;

/// <summary>
/// A master class or talk in a room. It may have its own capacity, and pre-booking: until
/// <see cref="PreBookingMinutes"/> before the start only booked attendees get in; after that, free seats go to anyone.
/// </summary>
public sealed class RoomSession
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int RoomId { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int? Capacity { get; set; }
    public int? PreBookingMinutes { get; set; }

    /// <summary>What its booked attendees are told at check-in and read on their badge's programme ("Unterlagen am Counter 2").</summary>
    public string? HandoutNote { get; set; }

    public const int MaxHandoutNote = 200;
}

/// <summary>An attendee's seat booked for a session.</summary>
public sealed class SessionBooking
{
    public int SessionId { get; set; }
    public int AttendeeId { get; set; }
}

internal sealed class RoomSessionConfiguration : IEntityTypeConfiguration<RoomSession>, IEntityTypeConfiguration<SessionBooking>
{
    public void Configure(EntityTypeBuilder<RoomSession> e)
    {
        e.ToTable("Sessions");
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.HandoutNote).HasMaxLength(RoomSession.MaxHandoutNote);
        e.HasIndex(x => new { x.RoomId, x.StartsAt });
    }

    public void Configure(EntityTypeBuilder<SessionBooking> e)
    {
        e.ToTable("SessionBookings");
        e.HasKey(x => new { x.SessionId, x.AttendeeId });
    }
}
