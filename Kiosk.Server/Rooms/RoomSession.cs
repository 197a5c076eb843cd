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

    /// <summary>Offered on the event's registration form, with its free seats (set with the form).</summary>
    public bool OnRegistrationForm { get; set; }

    public const int MaxHandoutNote = 200;
}

/// <summary>
/// An attendee's seat in a session. Every rule that asks "booked?" (the door's pre-booking, the badge's programme,
/// print batches, reports) reads this table: a seat offered from the waitlist is held here too until its offer runs out.
/// </summary>
public sealed class SessionBooking
{
    public int SessionId { get; set; }
    public int AttendeeId { get; set; }

    /// <summary>A seat offered from the waitlist and not yet taken: held until then, then it goes to the next (null: confirmed).</summary>
    public DateTimeOffset? OfferExpiresAt { get; set; }
}

/// <summary>A place on a full session's waitlist. <see cref="Place"/> counts up in the order bookings arrived; the lowest is next.</summary>
public sealed class SessionWaitlistEntry
{
    public int SessionId { get; set; }
    public int AttendeeId { get; set; }
    public long Place { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
}

internal sealed class RoomSessionConfiguration
    : IEntityTypeConfiguration<RoomSession>, IEntityTypeConfiguration<SessionBooking>, IEntityTypeConfiguration<SessionWaitlistEntry>
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
        e.HasIndex(x => x.OfferExpiresAt);
    }

    public void Configure(EntityTypeBuilder<SessionWaitlistEntry> e)
    {
        e.ToTable("SessionWaitlist");
        e.HasKey(x => new { x.SessionId, x.AttendeeId });
        // Two bookings can never share a place, whatever the locking does.
        e.HasIndex(x => new { x.SessionId, x.Place }).IsUnique();
    }
}
