using System.Text.Json;
using Hangfire;
using Kiosk.Server.Audit;
using Kiosk.Server.Data;
using Kiosk.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Attendees.Import;

/// <summary>
/// Imports an uploaded file in the background with the same <see cref="AttendeeImport"/> as the direct
/// route. Claiming the run with a guarded update keeps two workers from importing it at once; running
/// it again after it finished does nothing.
/// </summary>
public sealed class ImportRunJob(
    KioskDb db, AttendeeImport import, ImportFiles files, ImportProgress live, DatabaseConnection database,
    IServiceScopeFactory scopes, AuditLog audit, TimeProvider time, ILogger<ImportRunJob> logger)
{
    /// <summary>A worker holds a run this long after its last sign of progress; a crashed worker's run is free again after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var claimed = await db.ImportRuns
            .Where(r => r.Id == runId && (r.Status == ImportRunStatus.Queued || r.Status == ImportRunStatus.Running) && (r.LeaseUntil == null || r.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportRunStatus.Running).SetProperty(r => r.StartedAt, now)
                .SetProperty(r => r.LeaseUntil, now + Lease).SetProperty(r => r.ProcessedRows, 0), ct);
        if (claimed == 0) return;
        var run = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);

        try
        {
            var path = files.PathOf(runId);
            if (!File.Exists(path)) { await FinishAsync(runId, ImportRunStatus.Failed, "The uploaded file is gone.", null); return; }
            var parsed = RegistrationCsv.Read(await File.ReadAllBytesAsync(path, ct), await ImportMapping.LoadAsync(db, run.EventId, ct));
            if (parsed.Error is not null) { await FinishAsync(runId, ImportRunStatus.Failed, parsed.Error, null); return; }

            var total = parsed.Rows.Count + parsed.Rejected.Count;
            await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.TotalRows, total), ct);
            var lastStored = DateTimeOffset.MinValue;
            var result = await import.RunAsync(run.EventId, parsed, run.DryRun, ct, async (done, token) =>
            {
                live.Report(runId, done);
                // One writer at a time (SQLite): the import's transaction holds the write lock, the live count above is what readers get.
                if (database.Engine.HasSingleWriter || time.GetUtcNow() - lastStored < ProgressInterval && done < total) return;
                lastStored = time.GetUtcNow();
                await StoreProgressAsync(runId, done, token);
            });
            await FinishAsync(runId, ImportRunStatus.Done, null, result);
            if (!result.DryRun)
                await audit.WriteAsync(run.RequestedBy, "attendees.imported", run.EventId,
                    details: $"run {runId}: created {result.Created}, updated {result.Updated}, unchanged {result.Unchanged}, rejected {result.Rejected.Count}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception text may quote a row; the run keeps only the kind of failure.
            logger.LogError("Import run {RunId} failed: {Error}", runId, e.GetType().Name);
            await FinishAsync(runId, ImportRunStatus.Failed, $"The import failed ({e.GetType().Name}).", null);
        }
        finally { live.Forget(runId); }
    }

    /// <summary>From a scope of its own: the import's context is inside its transaction, and progress must be visible before the commit.</summary>
    private async Task StoreProgressAsync(Guid runId, int done, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var lease = time.GetUtcNow() + Lease;
        await other.ImportRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcessedRows, done).SetProperty(r => r.LeaseUntil, lease), ct);
    }

    private async Task FinishAsync(Guid runId, ImportRunStatus status, string? error, ImportResult? result)
    {
        var now = time.GetUtcNow();
        var (created, updated, unchanged, rejected) = (result?.Created ?? 0, result?.Updated ?? 0, result?.Unchanged ?? 0, result?.Rejected.Count ?? 0);
        var rejectedJson = result is null ? null : JsonSerializer.Serialize(result.Rejected, JsonSerializerOptions.Web);
        var allRows = result is not null;
        // One update: a reader never sees "Done" with the progress of a moment before.
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(r => r.Error, error).SetProperty(r => r.Created, created).SetProperty(r => r.Updated, updated)
            .SetProperty(r => r.Unchanged, unchanged).SetProperty(r => r.RejectedCount, rejected).SetProperty(r => r.RejectedJson, rejectedJson)
            .SetProperty(r => r.ProcessedRows, r => allRows ? r.TotalRows : r.ProcessedRows));
        // The upload is personal data: gone as soon as the run is over, whatever its outcome.
        files.Delete(runId);
    }
}

/// <summary>At start, runs cut off by a restart (queued or running) are enqueued again; they re-import from their file.</summary>
internal sealed class ImportRunSweep(IServiceScopeFactory scopes) : IStartupSweep
{
    public async Task SweepAsync(IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var open = await db.ImportRuns.AsNoTracking().Where(r => r.Status == ImportRunStatus.Queued || r.Status == ImportRunStatus.Running)
            .Select(r => new { r.Id, r.LeaseUntil }).ToListAsync(cancellationToken);
        foreach (var run in open)
        {
            // A run still leased may be alive on another instance; it is tried again when the lease has run out.
            if (run.LeaseUntil is { } until) jobs.Schedule<ImportRunJob>(j => j.RunAsync(run.Id, CancellationToken.None), until.AddSeconds(1));
            else jobs.Enqueue<ImportRunJob>(j => j.RunAsync(run.Id, CancellationToken.None));
        }
    }
}
