using Kiosk.Server.Attendees;
using Kiosk.Server.CheckIn;
using Kiosk.Shared.Contracts;

namespace Kiosk.Server.Tests;

public class CheckInRulesTests
{
    [Theory]
    [InlineData(AttendeeStatus.Registered, 1, 1, false, CheckInOutcome.FirstCheckIn)]
    [InlineData(AttendeeStatus.Registered, 1, 1, true, CheckInOutcome.AlreadyCheckedIn)]
    [InlineData(AttendeeStatus.Registered, 2, 1, false, CheckInOutcome.Revoked)]
    [InlineData(AttendeeStatus.Registered, 2, 1, true, CheckInOutcome.Revoked)]
    [InlineData(AttendeeStatus.Cancelled, 1, 1, false, CheckInOutcome.Cancelled)]
    [InlineData(AttendeeStatus.Cancelled, 2, 1, false, CheckInOutcome.Cancelled)]
    [InlineData(AttendeeStatus.Registered, 3, null, false, CheckInOutcome.FirstCheckIn)] // staff by attendee id: no badge version
    public void Decides_what_a_scan_means(AttendeeStatus status, int current, int? scanned, bool already, CheckInOutcome expected)
    {
        Assert.Equal(expected, CheckInRules.Decide(status, current, scanned, already));
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
