using Kiosk.Server.Attendees;
using Kiosk.Shared.Contracts;

namespace Kiosk.Server.CheckIn;

/// <summary>The entrance's decisions, free of HTTP and database so they can be tested on their own.</summary>
public static class CheckInRules
{
    /// <summary>
    /// What a scan of a known attendee means, by the server's own record: <see cref="Admission.Decide"/>, the
    /// decision the lobby kiosk makes on its copy too. <paramref name="scannedBadgeVersion"/> is null when staff
    /// check in by attendee id (no badge involved).
    /// </summary>
    public static CheckInOutcome Decide(AttendeeStatus status, int currentBadgeVersion, int? scannedBadgeVersion, bool alreadyCheckedIn) =>
        Admission.Decide(status == AttendeeStatus.Cancelled, currentBadgeVersion, scannedBadgeVersion, alreadyCheckedIn, AttendeeRecord.Server);

    /// <summary>
    /// The time to record as the attendee's arrival. A scan uploaded after an outage happened when the
    /// device says, unless the device's clock is clearly wrong (in the future, or over a day old): then
    /// the server's receive time is the better guess.
    /// </summary>
    /// <summary>A kiosk that printed a badge for someone the server already had checked in made a second badge.</summary>
    public static ScanConflict? Conflict(CheckInOutcome outcome, bool badgePrinted) =>
        outcome == CheckInOutcome.AlreadyCheckedIn && badgePrinted ? ScanConflict.PrintedTwice : null;

    public static DateTimeOffset ArrivalTime(DateTimeOffset scannedAt, DateTimeOffset receivedAt)
    {
        if (scannedAt > receivedAt || receivedAt - scannedAt > TimeSpan.FromDays(1)) return ToMicroseconds(receivedAt);
        return ToMicroseconds(scannedAt.ToUniversalTime());
    }

    /// <summary>
    /// Times are kept to the microsecond, the finest every engine stores (PostgreSQL has no 100 ns ticks),
    /// so an answer built from memory equals one read back from the database.
    /// </summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % 10));

    /// <summary>Outcomes that concern a real attendee are stored, so a retry replays them.</summary>
    public static bool IsRecorded(CheckInOutcome outcome) =>
        outcome is CheckInOutcome.FirstCheckIn or CheckInOutcome.AlreadyCheckedIn or CheckInOutcome.Revoked or CheckInOutcome.Cancelled;
}
