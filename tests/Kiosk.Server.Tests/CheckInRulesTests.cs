using Kiosk.Server.Attendees;
using Kiosk.Server.CheckIn;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;

namespace Kiosk.Server.Tests;

public class CheckInRulesTests
{
    [Theory]
    [MemberData(nameof(AdmissionCases.All), MemberType = typeof(AdmissionCases))]
    public void Decides_what_a_scan_means_as_the_table_shared_with_the_kiosk_says(
        bool cancelled, int current, int? scanned, bool already, CheckInOutcome atServer, CheckInOutcome atKiosk)
    {
        _ = atKiosk;
        Assert.Equal(atServer, CheckInRules.Decide(cancelled ? AttendeeStatus.Cancelled : AttendeeStatus.Registered, current, scanned, already));
    }

    private static readonly DateTimeOffset Received = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Offline_scan_uploaded_later_arrived_when_the_device_says()
    {
        var scanned = new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.FromHours(1)); // 09:05 UTC, sent 25 minutes later
        Assert.Equal(scanned.ToUniversalTime(), CheckInRules.ArrivalTime(scanned, Received));
        Assert.Equal(TimeSpan.Zero, CheckInRules.ArrivalTime(scanned, Received).Offset);
    }

    [Theory]
    [InlineData(2)]     // device clock two hours ahead
    [InlineData(-30)]   // device clock a day and more behind
    public void Device_clock_that_is_clearly_wrong_falls_back_to_the_server_time(int hoursOff)
    {
        Assert.Equal(Received, CheckInRules.ArrivalTime(Received.AddHours(hoursOff), Received));
    }

    [Fact]
    public void Device_clock_two_hours_behind_is_believed_as_an_outage_upload()
    {
        Assert.Equal(Received.AddHours(-2), CheckInRules.ArrivalTime(Received.AddHours(-2), Received));
    }
}
