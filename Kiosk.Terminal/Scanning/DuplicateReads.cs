namespace Kiosk.Terminal.Scanning;

/// <summary>
/// Scanners read twice (a trigger held too long, a scan engine that also emits a second event): the same
/// code again within <see cref="Window"/> is the same scan, not a second one.
/// </summary>
public sealed class DuplicateReads(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private readonly Lock _lock = new();
    private string? _last;
    private DateTimeOffset _lastAt;

    public bool IsRepeat(string code)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var repeat = code == _last && now - _lastAt < Window;
            _last = code;
            _lastAt = now;
            return repeat;
        }
    }
}
