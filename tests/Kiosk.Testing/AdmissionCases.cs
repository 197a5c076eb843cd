using Kiosk.Shared.Contracts;

namespace Kiosk.Testing;

/// <summary>
/// The entrance's decision as a table, for the shared rule (<see cref="Admission.Decide"/>) and for both places that
/// make it: the server on its record and the lobby kiosk on its roster copy. The two differ in one thing only: a
/// badge newer than the record knows is revoked for the server (its record is the authority) and genuine for a
/// kiosk (its copy lags behind). Compiled into the shared, server and terminal tests alike.
/// </summary>
public static class AdmissionCases
{
    public static TheoryData<bool, int, int?, bool, CheckInOutcome, CheckInOutcome> All => new()
    {
        // cancelled, known version, scanned version, checked in → at the server, at a kiosk
        { false, 1, 1, false, CheckInOutcome.FirstCheckIn, CheckInOutcome.FirstCheckIn },
        { false, 1, 1, true, CheckInOutcome.AlreadyCheckedIn, CheckInOutcome.AlreadyCheckedIn },
        { false, 2, 1, false, CheckInOutcome.Revoked, CheckInOutcome.Revoked },            // an older badge, replaced by a reissue
        { false, 2, 1, true, CheckInOutcome.Revoked, CheckInOutcome.Revoked },
        { false, 1, 2, false, CheckInOutcome.Revoked, CheckInOutcome.FirstCheckIn },       // newer than the record knows
        { false, 1, 2, true, CheckInOutcome.Revoked, CheckInOutcome.AlreadyCheckedIn },
        { false, 3, null, false, CheckInOutcome.FirstCheckIn, CheckInOutcome.FirstCheckIn }, // no badge in hand: staff by id, a name search
        { false, 3, null, true, CheckInOutcome.AlreadyCheckedIn, CheckInOutcome.AlreadyCheckedIn },
        { true, 1, 1, false, CheckInOutcome.Cancelled, CheckInOutcome.Cancelled },         // a cancelled registration wins over everything
        { true, 1, 1, true, CheckInOutcome.Cancelled, CheckInOutcome.Cancelled },
        { true, 2, 1, false, CheckInOutcome.Cancelled, CheckInOutcome.Cancelled },
        { true, 1, 2, false, CheckInOutcome.Cancelled, CheckInOutcome.Cancelled },
        { true, 1, null, false, CheckInOutcome.Cancelled, CheckInOutcome.Cancelled },
    };
}
