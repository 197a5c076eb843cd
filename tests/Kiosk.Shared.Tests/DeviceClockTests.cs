using Kiosk.Shared.Contracts;

namespace Kiosk.Shared.Tests;

public sealed class DeviceClockTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-120, 0, 0)]    // two hours behind, sent at once
    [InlineData(120, 0, 0)]     // two hours ahead
    [InlineData(-120, 600, 600)] // uploaded ten minutes after the scan
    [InlineData(0, -30, 0)]     // clock stepped back between scan and send: no younger than now
    public void A_scan_is_placed_by_its_age_on_the_device_clock_whatever_the_offset(int offsetMinutes, int ageSeconds, int expectedAgeSeconds)
    {
        var sent = Received.AddMinutes(offsetMinutes);
        var scanned = sent.AddSeconds(-ageSeconds);
        Assert.Equal(Received.AddSeconds(-expectedAgeSeconds), DeviceClock.OnServerClock(scanned, sent, Received));
    }

    [Fact]
    public void Without_the_sent_at_header_the_scan_time_is_taken_as_sent()
    {
        var scanned = Received.AddHours(-2);
        Assert.Equal(scanned, DeviceClock.OnServerClock(scanned, DeviceClock.ParseSentAt(null), Received));
        Assert.Null(DeviceClock.ParseSentAt("gestern"));
    }
}
