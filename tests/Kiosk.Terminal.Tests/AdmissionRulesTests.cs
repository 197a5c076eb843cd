using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Scanning;
using Kiosk.Testing;

namespace Kiosk.Terminal.Tests;

public sealed class AdmissionRulesTests
{
    [Theory]
    [MemberData(nameof(AdmissionCases.All), MemberType = typeof(AdmissionCases))]
    public void The_kiosk_decides_on_its_copy_as_the_table_shared_with_the_server_says(
        bool cancelled, int known, int? scanned, bool checkedIn, CheckInOutcome atServer, CheckInOutcome atKiosk)
    {
        _ = atServer;
        var person = new RosterPerson(7, Guid.NewGuid(), known, null, "Käthe", "Nußbaum", null, AttendeeCategory.Visitor, cancelled,
            checkedIn ? new DateTimeOffset(2026, 11, 25, 8, 55, 0, TimeSpan.Zero) : null, null, null, "token");
        var expected = atKiosk switch
        {
            CheckInOutcome.FirstCheckIn => ScanResult.Welcome,
            CheckInOutcome.AlreadyCheckedIn => ScanResult.AlreadyCheckedIn,
            CheckInOutcome.Revoked => ScanResult.Revoked,
            _ => ScanResult.Cancelled,
        };

        Assert.Equal(expected, AdmissionRules.Decide(person, scanned));
    }
}
