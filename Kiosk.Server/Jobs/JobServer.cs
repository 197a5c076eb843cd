using Hangfire;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Jobs;

/// <summary>
/// Starts after <see cref="StartupWork"/> (migrations): registers the recurring jobs, runs the start-up
/// sweeps, then the Hangfire worker pool (unless Jobs:RunServer is false).
/// </summary>
internal sealed class JobServer(
    IServiceProvider services, JobStorage storage, JobActivator activator, IOptions<JobOptions> options,
    IBackgroundJobClient jobs, IRecurringJobManager recurring, ILogger<JobServer> logger) : IHostedService
{
    private BackgroundJobServer? _server;

    /// <summary>This instance's Hangfire server name while it runs (the readiness probe looks for it in the storage).</summary>
    public string? Name { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var work in services.GetServices<IRecurringWork>()) work.Register(recurring);
        foreach (var sweep in services.GetServices<IStartupSweep>())
        {
            try { await sweep.SweepAsync(jobs, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A sweep that fails must not keep the server from taking check-ins; the next start tries again.
                logger.LogError(e, "Start-up sweep {Sweep} failed", sweep.GetType().Name);
            }
        }
        if (!options.Value.RunServer) return;
        // Unique per instance: several servers (scale-out, tests) may share one storage.
        Name = $"kiosk-{Environment.ProcessId}-{Guid.NewGuid():N}";
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = options.Value.Workers,
            // Retries are scheduled jobs (a mail's backoff); Hangfire's default looks for due ones only every 15 s.
            SchedulePollingInterval = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds),
            Activator = activator,
            ServerName = Name,
        }, storage);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not { } server) return;
        _server = null;
        Name = null;
        server.SendStop();
        try { await server.WaitForShutdownAsync(cancellationToken); }
        catch (ObjectDisposedException e)
        {
            // Hangfire may dispose a dispatcher's wait handle while the shutdown wait registers on it (a race seen
            // when a test host stops). The server is stopping either way, and every job is safe to run again.
            logger.LogDebug(e, "The job server finished stopping while its shutdown was awaited.");
        }
        server.Dispose();
    }
}
