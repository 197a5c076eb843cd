using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Terminal.Printing;

/// <summary>
/// Prints queued badge jobs in order. Where the printer can report its state, a job is only sent when
/// it says ready (a job sent into "paper out" may be lost or printed twice later), and the state is
/// polled while jobs wait. A job whose sending failed part-way is not resent on its own. A job held for its
/// badge preview is not taken before its release time; a timer on the injected clock wakes the queue then.
/// </summary>
public sealed class PrintQueue(PrintJobs jobs, IPrinterTransport printer, BadgeRendering rendering, PrinterStatusBoard board,
    Offline.Outbox outbox, TimeProvider time, ILogger<PrintQueue> log) : BackgroundService
{
    public static readonly TimeSpan StatusPoll = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<long, TaskCompletionSource> _waiting = [];
    private readonly Lock _lock = new();
    private ITimer? _release;

    public void Poke()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    /// <summary>Completes when the job has left the queue (printed or not), or after <paramref name="timeout"/>.</summary>
    public async Task WhenDoneAsync(long jobId, TimeSpan timeout, CancellationToken ct)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (!_waiting.TryGetValue(jobId, out done!)) _waiting[jobId] = done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        if (await jobs.StateAsync(jobId) is PrintJobState.Queued or PrintJobState.Sending)
            await done.Task.WaitAsync(timeout, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_lock) _waiting.Remove(jobId);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interrupted = await jobs.MarkInterruptedAsync();
        if (interrupted > 0) log.LogWarning("{Count} badge job(s) were being sent when the terminal stopped; staff should check and reprint if needed.", interrupted);
        board.Set(printer.CanReadStatus ? await ReadStatusAsync(stop) : PrinterStatus.Ready);

        while (!stop.IsCancellationRequested)
        {
            try { await RoundAsync(stop); }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // A broken disk or printer driver must not end the kiosk; the job stays queued.
                log.LogError(e, "Print queue round failed.");
                await WaitAsync(StatusPoll, stop);
            }
        }
    }

    private async Task RoundAsync(CancellationToken stop)
    {
        {
            var job = await jobs.NextQueuedAsync(time.GetUtcNow());
            if (job is null)
            {
                await WakeAtNextReleaseAsync();
                await WaitAsync(printer.CanReadStatus ? StatusPoll * 2 : Timeout.InfiniteTimeSpan, stop);
                if (printer.CanReadStatus) board.Set(await ReadStatusAsync(stop));
                return;
            }
            if (printer.CanReadStatus)
            {
                var status = await ReadStatusAsync(stop);
                board.Set(status);
                if (status.State != PrinterState.Ready)
                {
                    await WaitAsync(StatusPoll, stop);
                    return;
                }
            }
            await PrintAsync(job, stop);
        }
    }

    private async Task WakeAtNextReleaseAsync()
    {
        var at = await jobs.NextReleaseAsync();
        _release?.Dispose();
        _release = null;
        if (at is null) return;
        var due = at.Value - time.GetUtcNow();
        if (due <= TimeSpan.Zero) Poke();
        else _release = time.CreateTimer(_ => Poke(), null, due, Timeout.InfiniteTimeSpan);
    }

    private async Task PrintAsync(PrintJob job, CancellationToken stop)
    {
        var rendered = rendering.Render(job);
        // The visitor may have cancelled it on the preview screen since it was read.
        if (!await jobs.StartSendingAsync(job.Id))
        {
            Release(job.Id);
            return;
        }
        try
        {
            await printer.SendAsync(rendered, stop);
            // "Sent" is not "printed": bytes sit in socket buffers even when the printer went away or ran out of
            // paper half-way. Where the printer answers, its state after the job decides.
            var after = printer.CanReadStatus ? await ReadStatusAsync(stop) : PrinterStatus.Ready;
            if (after.State == PrinterState.Ready)
            {
                await jobs.SetStateAsync(job.Id, PrintJobState.Printed, time.GetUtcNow(), reprintOrder: job.ReprintOrder);
                if (job.ReprintOrder is not null) outbox.Poke();
            }
            else
            {
                log.LogWarning("Badge job {JobId}: printer {Printer} reports {State} after the job; not resent automatically.", job.Id, printer.Describe, after.State);
                await jobs.SetStateAsync(job.Id, PrintJobState.Uncertain, time.GetUtcNow(), $"printer {after.State} after sending");
                board.Set(after);
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException or UnauthorizedAccessException or InvalidOperationException)
        {
            log.LogWarning("Badge job {JobId} failed while sending to {Printer} ({Error}); not resent automatically.", job.Id, printer.Describe, e.GetType().Name);
            await jobs.SetStateAsync(job.Id, PrintJobState.Uncertain, time.GetUtcNow(), e.GetType().Name);
            board.Set(new PrinterStatus(PrinterState.Offline));
        }
        Release(job.Id);
    }

    private async Task<PrinterStatus> ReadStatusAsync(CancellationToken stop)
    {
        try { return await printer.ReadStatusAsync(stop); }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            return new PrinterStatus(PrinterState.Offline);
        }
    }

    private Task WaitAsync(TimeSpan max, CancellationToken stop) =>
        _wake.WaitAsync(max, stop).ContinueWith(_ => { }, TaskScheduler.Default);

    private void Release(long jobId)
    {
        lock (_lock)
        {
            if (_waiting.Remove(jobId, out var done)) done.TrySetResult();
        }
    }
}
