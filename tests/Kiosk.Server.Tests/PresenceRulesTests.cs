using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;

namespace Kiosk.Server.Tests;

public sealed class PresenceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 16, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PresenceDirection.Toggle, false, PresenceDirection.In)]
    [InlineData(PresenceDirection.Toggle, true, PresenceDirection.Out)]
    [InlineData(PresenceDirection.In, true, PresenceDirection.In)]
    [InlineData(PresenceDirection.Out, false, PresenceDirection.Out)]
    public void Toggle_goes_in_unless_already_inside(PresenceDirection requested, bool inside, PresenceDirection expected) =>
        Assert.Equal(expected, PresenceRules.Resolve(requested, inside));

    [Fact]
    public void A_scan_older_than_a_minute_on_arrival_was_made_offline()
    {
        Assert.False(PresenceRules.IsLate(Now.AddSeconds(-59), Now));
        Assert.True(PresenceRules.IsLate(Now.AddMinutes(-2), Now));
    }

    [Fact]
    public void Live_scans_are_refused_where_late_ones_are_counted_with_a_conflict()
    {
        Assert.Equal((PresenceDecision.NotCheckedIn, null), PresenceRules.Entry(checkedIn: false, late: false));
        Assert.Equal((PresenceDecision.Admitted, ScanConflict.NotCheckedIn), PresenceRules.Entry(checkedIn: false, late: true));
        Assert.Equal((PresenceDecision.Admitted, null), PresenceRules.Entry(checkedIn: true, late: false));
        Assert.Equal((PresenceDecision.Full, null), PresenceRules.WhenFull(late: false));
        Assert.Equal((PresenceDecision.Admitted, ScanConflict.OverCapacity), PresenceRules.WhenFull(late: true));
    }
}
