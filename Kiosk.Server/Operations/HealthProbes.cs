using System.Text.Json;
using Hangfire;
using Kiosk.Server.Data;
using Kiosk.Server.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Operations;

/// <summary>
/// Probes for an orchestrator or a load balancer, next to the unchanged /healthz (database answers):
/// /healthz/live says the process serves requests (restart it if not); /healthz/ready says it can do its
/// work: database answers, no migration pending, and the job server running where this instance runs jobs.
/// </summary>
public static class HealthProbes
{
    public const string Database = "database";
    private const string Ready = "ready";

    public static IHealthChecksBuilder AddKioskHealthProbes(this IHealthChecksBuilder checks) => checks
        .AddCheck<DatabaseHealthCheck>(Database, tags: [Ready])
        .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready])
        .AddCheck<JobServerHealthCheck>("jobs", tags: [Ready]);

    public static void MapKioskHealthProbes(this WebApplication app)
    {
        // What /healthz always was: the database check alone, answered in plain text.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Name == Database }).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteChecksAsync }).AllowAnonymous();
    }

    /// <summary>Each check's status and its short description (never an exception: connection strings hide in those).</summary>
    private static Task WriteChecksAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}

/// <summary>Unhealthy while the database lacks a migration this build expects (a DBA has not applied the script yet).</summary>
internal sealed class MigrationsHealthCheck(KioskDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The migration history cannot be read.");
        }
    }
}

/// <summary>With Jobs:RunServer, healthy once this instance's Hangfire server has announced itself in the job storage.</summary>
internal sealed class JobServerHealthCheck(JobServer server, JobStorage storage, IOptions<JobOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.RunServer) return Task.FromResult(HealthCheckResult.Healthy("This instance runs no jobs (Jobs:RunServer=false)."));
        if (server.Name is not { } name) return Task.FromResult(HealthCheckResult.Unhealthy("The job server has not started."));
        try
        {
            var announced = storage.GetMonitoringApi().Servers().Any(s => s.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase));
            return Task.FromResult(announced ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The job server is not running."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage does not answer."));
        }
    }
}
