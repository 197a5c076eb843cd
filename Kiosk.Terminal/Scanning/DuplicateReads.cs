namespace Kiosk.Terminal.Scanning;

/// <summary>
/// Scanners read twice (a trigger held too long, a scan engine that also emits a second event): the same
/// code again within <see cref="Window"/> is the same scan, not a second one. Measured on the monotonic
/// clock: putting the PC's clock back an hour must not swallow the next scan of the same badge.
/// </summary>
public sealed class DuplicateReads(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private readonly Lock _lock = new();
    private string? _last;
    private long _lastAt;

    public bool IsRepeat(string code)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            var repeat = code == _last && time.GetElapsedTime(_lastAt, now) < Window;
            _last = code;
            _lastAt = now;
            return repeat;
        }
    }
}
