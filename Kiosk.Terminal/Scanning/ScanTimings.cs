using System.Diagnostics;

namespace Kiosk.Terminal.Scanning;

/// <summary>How long the kiosk took to answer its last scans (scan text in → answer out, printing not included).</summary>
public sealed class ScanTimings
{
    private const int Window = 200;
    private readonly Lock _gate = new();
    private readonly Queue<double> _recent = new();
    private long _count;

    public long Start() => Stopwatch.GetTimestamp();

    public void Done(long started)
    {
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (_gate)
        {
            _count++;
            _recent.Enqueue(ms);
            if (_recent.Count > Window) _recent.Dequeue();
        }
    }

    public (long Count, double? P50, double? P95) Read()
    {
        lock (_gate)
        {
            if (_recent.Count == 0) return (_count, null, null);
            var sorted = _recent.Order().ToArray();
            return (_count, sorted[(sorted.Length - 1) / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1]);
        }
    }
}
