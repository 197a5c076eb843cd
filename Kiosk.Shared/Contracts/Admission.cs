namespace Kiosk.Shared.Contracts;

/// <summary>Whose record of the attendee a decision reads, which settles what an unexpected badge version means.</summary>
public enum AttendeeRecord
{
    /// <summary>The server's own record, the authority: a badge of any other version than its current one is revoked.</summary>
    Server,

    /// <summary>
    /// A kiosk's roster copy, which may lag behind the server: an older version was replaced by a reissue, but a
    /// newer one than the copy knows is genuine (signed) and only means the copy has not caught up yet.
    /// </summary>
    KioskCopy,
}

/// <summary>
/// May this known attendee in, at the entrance? One decision for both places that make it: the server when a
/// scan arrives (<c>Kiosk.Server.CheckIn.CheckInRules.Decide</c>) and the lobby kiosk on its own copy, online or not
/// (<c>Kiosk.Terminal.Scanning.AdmissionRules.Decide</c>), so the two cannot drift apart.
/// </summary>
public static class Admission
{
    /// <param name="scannedBadgeVersion">Null when no badge is in hand: staff check in by attendee id, or a visitor found by name.</param>
    /// <returns>One of <see cref="CheckInOutcome.FirstCheckIn"/>, <see cref="CheckInOutcome.AlreadyCheckedIn"/>,
    /// <see cref="CheckInOutcome.Revoked"/> and <see cref="CheckInOutcome.Cancelled"/>.</returns>
    public static CheckInOutcome Decide(bool cancelled, int knownBadgeVersion, int? scannedBadgeVersion, bool checkedIn, AttendeeRecord record)
    {
        if (cancelled) return CheckInOutcome.Cancelled;
        if (scannedBadgeVersion is { } v && (record == AttendeeRecord.Server ? v != knownBadgeVersion : v < knownBadgeVersion))
            return CheckInOutcome.Revoked;
        return checkedIn ? CheckInOutcome.AlreadyCheckedIn : CheckInOutcome.FirstCheckIn;
    }
}
