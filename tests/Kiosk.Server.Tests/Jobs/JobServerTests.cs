using System.Collections.Concurrent;
using System.Net;
using Hangfire;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Jobs;

public sealed class SqliteJobServerTests(KioskApp app) : JobServerTests<KioskApp>(app);

public sealed class PostgresJobServerTests(PostgresKioskApp app) : JobServerTests<PostgresKioskApp>(app);

public sealed class SqlServerJobServerTests(SqlServerKioskApp app) : JobServerTests<SqlServerKioskApp>(app);

/// <summary>Hangfire runs on the engine's own storage: in memory beside SQLite, in the database with PostgreSQL / SQL Server.</summary>
public abstract class JobServerTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    [Fact]
    public async Task An_enqueued_job_runs_on_this_server()
    {
        app.RequireEngine();
        var marker = Guid.NewGuid().ToString("N");
        app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => JobProbe.Hit(marker));
        await Eventually.Async(() => Task.FromResult(JobProbe.Hits.ContainsKey(marker)), hit => hit, "the job to run");
    }

    [Fact]
    public async Task The_job_dashboard_is_for_organizers_only()
    {
        app.RequireEngine();
        using var organizer = await app.CookieClientAsync();
        var page = await organizer.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Kiosk jobs", await page.Content.ReadAsStringAsync());

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var refused = await anonymous.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/login/?return=%2Fjobs", refused.Headers.Location!.PathAndQuery);

        using var admin = await app.OrganizerAsync();
        using var staff = await app.UserAsync(admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/jobs/stats")).StatusCode);
    }
}

public static class JobProbe
{
    public static readonly ConcurrentDictionary<string, bool> Hits = new();

    public static void Hit(string marker) => Hits[marker] = true;
}
