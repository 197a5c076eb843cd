using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Terminal.Tests.Infrastructure;

/// <summary>
/// A kiosk PC's clocks, moved by the test: time passing (<see cref="Advance"/>) moves both the wall clock
/// and the monotonic one; setting the PC's time (<see cref="SetWallClockBy"/>) moves only the wall clock,
/// as on a real PC whose time is changed by hand or by NTP.
/// </summary>
public sealed class KioskPcClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider _passing = new(start);
    private TimeSpan _set;

    public void Advance(TimeSpan delta) => _passing.Advance(delta);

    public void SetWallClockBy(TimeSpan change) => _set += change;

    public override DateTimeOffset GetUtcNow() => _passing.GetUtcNow() + _set;
    public override long GetTimestamp() => _passing.GetTimestamp();
    public override long TimestampFrequency => _passing.TimestampFrequency;
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _passing.CreateTimer(callback, state, dueTime, period);
}
