using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// Caps the kiosk's name search so the roster cannot be harvested through it: at most
/// <see cref="TerminalOptions.SearchesPerMinute"/> searches a minute on this kiosk, and at most
/// <see cref="TerminalOptions.SearchesPerSession"/> in one visitor's screen session (the page starts a new session
/// for every visitor; requests without one share a single session). A visitor typing a name needs four to eight.
/// </summary>
public sealed class SearchLimit(IOptions<TerminalOptions> options, TimeProvider time)
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(10);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Count, DateTimeOffset Seen)> _sessions = new(StringComparer.Ordinal);
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _inWindow;

    /// <summary>Counts one search; false when it is over either limit (then it is not counted).</summary>
    public bool TryTake(string? session)
    {
        var key = string.IsNullOrEmpty(session) || session.Length > 64 ? "" : session;
        var now = time.GetUtcNow();
        var limits = options.Value;
        lock (_gate)
        {
            if (now - _windowStart >= TimeSpan.FromMinutes(1))
            {
                _windowStart = now;
                _inWindow = 0;
                foreach (var stale in _sessions.Where(s => now - s.Value.Seen > SessionLifetime).Select(s => s.Key).ToList())
                    _sessions.Remove(stale);
            }
            var inSession = _sessions.TryGetValue(key, out var s) ? s.Count : 0;
            if (_inWindow >= limits.SearchesPerMinute || inSession >= limits.SearchesPerSession) return false;
            _inWindow++;
            _sessions[key] = (inSession + 1, now);
            return true;
        }
    }
}
