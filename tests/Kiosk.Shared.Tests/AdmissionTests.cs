using Kiosk.Shared.Contracts;
using Kiosk.Testing;

namespace Kiosk.Shared.Tests;

public sealed class AdmissionTests
{
    [Theory]
    [MemberData(nameof(AdmissionCases.All), MemberType = typeof(AdmissionCases))]
    public void The_server_and_a_kiosk_decide_alike_except_for_a_badge_newer_than_their_record(
        bool cancelled, int known, int? scanned, bool checkedIn, CheckInOutcome atServer, CheckInOutcome atKiosk)
    {
        Assert.Equal(atServer, Admission.Decide(cancelled, known, scanned, checkedIn, AttendeeRecord.Server));
        Assert.Equal(atKiosk, Admission.Decide(cancelled, known, scanned, checkedIn, AttendeeRecord.KioskCopy));
    }
}
