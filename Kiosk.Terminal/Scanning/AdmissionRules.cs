using Kiosk.Terminal.Offline;

namespace Kiosk.Terminal.Scanning;

/// <summary>The lobby kiosk's decision for a known attendee, free of I/O so it can be tested alone.</summary>
public static class AdmissionRules
{
    /// <param name="scannedBadgeVersion">Null after a name search (no badge in hand).</param>
    public static ScanResult Decide(RosterPerson person, int? scannedBadgeVersion)
    {
        if (person.Cancelled) return ScanResult.Cancelled;
        // An older version was replaced by a reissue. A newer one than the copy knows is genuine (signed)
        // and only means the roster copy has not caught up yet.
        if (scannedBadgeVersion is { } v && v < person.BadgeVersion) return ScanResult.Revoked;
        return person.CheckedInAt is null ? ScanResult.Welcome : ScanResult.AlreadyCheckedIn;
    }
}
