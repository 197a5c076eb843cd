using Hangfire;

namespace Kiosk.Server.Jobs;

/// <summary>
/// Finds work a feature recorded in its own tables but did not finish (a mail not yet sent, an import cut
/// off by a restart) and enqueues it again. Runs at every start; the jobs it enqueues are idempotent.
/// </summary>
public interface IStartupSweep
{
    Task SweepAsync(IBackgroundJobClient jobs, CancellationToken cancellationToken);
}

/// <summary>A job that repeats on a schedule (cron, venue-independent UTC) in one place: registered at start.</summary>
public interface IRecurringWork
{
    void Register(IRecurringJobManager recurring);
}
