using Hangfire;
using Kiosk.Server.Data;
using Kiosk.Server.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Privacy;

/// <summary>
/// The daily retention job: every event that ended more than Privacy:RetentionDays ago and is not purged
/// yet is purged (<see cref="Erasure.PurgeEventAsync"/>). Idempotent: a purged event is never touched again.
/// </summary>
public sealed class RetentionPurge(KioskDb db, Erasure erasure, IOptions<PrivacyOptions> options, TimeProvider time)
{
    /// <returns>The ids of the events purged by this run.</returns>
    public async Task<IReadOnlyList<int>> RunAsync(CancellationToken ct)
    {
        var cutoff = RetentionRules.DueIfEndedBy(time.GetUtcNow(), options.Value.RetentionDays);
        var due = await db.Events.AsNoTracking().Where(e => e.PurgedAt == null && e.EndsAt <= cutoff).Select(e => e.Id).ToListAsync(ct);
        var purged = new List<int>();
        foreach (var eventId in due)
            if (await erasure.PurgeEventAsync(eventId, ct)) purged.Add(eventId);
        return purged;
    }
}

/// <summary>Runs the purge daily at 03:17 UTC, and once at every start so a server that was off at that hour catches up.</summary>
internal sealed class RetentionSchedule : IRecurringWork, IStartupSweep
{
    public const string JobId = "privacy-retention";

    public void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<RetentionPurge>(JobId, j => j.RunAsync(CancellationToken.None), "17 3 * * *");

    public Task SweepAsync(IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        jobs.Enqueue<RetentionPurge>(j => j.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }
}
