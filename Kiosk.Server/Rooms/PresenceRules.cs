using Kiosk.Shared.Contracts;

namespace Kiosk.Server.Rooms;

/// <summary>The room door's decisions, free of HTTP and database so they can be tested on their own.</summary>
public static class PresenceRules
{
    /// <summary>A scan this much older than its arrival was made offline: the person has already walked through.</summary>
    public static readonly TimeSpan LateUpload = TimeSpan.FromMinutes(1);

    public static bool IsLate(DateTimeOffset scannedAt, DateTimeOffset receivedAt) => receivedAt - scannedAt > LateUpload;

    public static PresenceDirection Resolve(PresenceDirection requested, bool insideThisRoom) =>
        requested != PresenceDirection.Toggle ? requested : insideThisRoom ? PresenceDirection.Out : PresenceDirection.In;

    /// <summary>
    /// Whether a known person may enter, before the capacity check. A live scan is refused; a late one
    /// already happened, so it is admitted and the broken rule named as a conflict.
    /// </summary>
    public static (PresenceDecision Decision, ScanConflict? Conflict) Entry(bool checkedIn, bool late) => (checkedIn, late) switch
    {
        (true, _) => (PresenceDecision.Admitted, null),
        (false, false) => (PresenceDecision.NotCheckedIn, null),
        (false, true) => (PresenceDecision.Admitted, ScanConflict.NotCheckedIn),
    };

    /// <summary>The door opens for a session this long before it starts; from then on its capacity and booking rules apply.</summary>
    public static readonly TimeSpan DoorsOpen = TimeSpan.FromMinutes(30);

    /// <summary>The session whose rules apply at the door now: the earliest whose doors are open and that has not ended.</summary>
    public static RoomSession? SessionAtDoor(IEnumerable<RoomSession> sessions, DateTimeOffset now) =>
        sessions.Where(s => s.StartsAt - DoorsOpen <= now && now < s.EndsAt).OrderBy(s => s.StartsAt).FirstOrDefault();

    /// <summary>
    /// Pre-booking: until <see cref="RoomSession.PreBookingMinutes"/> before the start only booked attendees enter
    /// (anonymous counters cannot tell, so they count). Late uploads are admitted and flagged.
    /// </summary>
    public static (PresenceDecision Decision, ScanConflict? Conflict) Booking(RoomSession? session, bool? booked, DateTimeOffset now, bool late)
    {
        if (session?.PreBookingMinutes is not { } minutes || booked is not false) return (PresenceDecision.Admitted, null);
        if (now >= session.StartsAt - TimeSpan.FromMinutes(minutes)) return (PresenceDecision.Admitted, null);
        return late ? (PresenceDecision.Admitted, ScanConflict.NotBooked) : (PresenceDecision.NotBooked, null);
    }

    /// <summary>The room was full: live scans are turned away, late ones are counted and flagged.</summary>
    public static (PresenceDecision Decision, ScanConflict? Conflict) WhenFull(bool late) =>
        late ? (PresenceDecision.Admitted, ScanConflict.OverCapacity) : (PresenceDecision.Full, null);
}
