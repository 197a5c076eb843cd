namespace Kiosk.Server.Data;

/// <summary>
/// SQLite allows one writer at a time, and a writer that finds the file locked backs off by sleeping
/// for milliseconds, which shows up as latency spikes under load. Hot write paths therefore queue here
/// in-process first, so their transactions meet an unlocked file. Server engines lock rows, not the
/// database, so the gate is open for them.
/// </summary>
public sealed class WriteGate(bool serialise)
{
    private readonly SemaphoreSlim? _gate = serialise ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Pass> EnterAsync(CancellationToken ct)
    {
        if (_gate is not null) await _gate.WaitAsync(ct);
        return new Pass(_gate);
    }

    public readonly struct Pass(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
