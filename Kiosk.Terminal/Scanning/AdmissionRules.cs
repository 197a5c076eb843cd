using System.Diagnostics;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;

namespace Kiosk.Terminal.Scanning;

/// <summary>The lobby kiosk's decision for a known attendee, free of I/O so it can be tested alone.</summary>
public static class AdmissionRules
{
    /// <summary>
    /// <see cref="Admission.Decide"/> on the kiosk's roster copy, the decision the server makes on its own record
    /// too; a badge newer than the copy knows is genuine and only means the copy has not caught up yet.
    /// </summary>
    /// <param name="scannedBadgeVersion">Null after a name search (no badge in hand).</param>
    public static ScanResult Decide(RosterPerson person, int? scannedBadgeVersion) =>
        Admission.Decide(person.Cancelled, person.BadgeVersion, scannedBadgeVersion, person.CheckedInAt is not null, AttendeeRecord.KioskCopy) switch
        {
            CheckInOutcome.FirstCheckIn => ScanResult.Welcome,
            CheckInOutcome.AlreadyCheckedIn => ScanResult.AlreadyCheckedIn,
            CheckInOutcome.Revoked => ScanResult.Revoked,
            CheckInOutcome.Cancelled => ScanResult.Cancelled,
            var other => throw new UnreachableException($"Admission decided {other} for a known attendee."),
        };
}
