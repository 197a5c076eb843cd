using System.Net;
using System.Text.Json;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests.Operations;

/// <summary>/healthz as before; /healthz/live for "is the process up", /healthz/ready for "can it do its work".</summary>
public sealed class HealthProbeTests(KioskApp app) : IClassFixture<KioskApp>
{
    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(KioskApp server, string path)
    {
        using var client = server.Anonymous();
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string CheckStatus(string body, string check) =>
        JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty(check).GetProperty("status").GetString()!;

    [Fact]
    public async Task A_running_server_is_live_and_ready_and_healthz_answers_as_before()
    {
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(app, "/healthz"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(app, "/healthz/live"));
        // The job server announces itself in its storage shortly after start.
        var ready = await Eventually.Async(() => GetAsync(app, "/healthz/ready"), r => r.Status == HttpStatusCode.OK, "the server to be ready");
        Assert.All(new[] { "database", "migrations", "jobs" }, check => Assert.Equal("Healthy", CheckStatus(ready.Body, check)));
    }

    [Fact]
    public async Task A_database_missing_a_migration_is_not_ready_while_the_process_is_live()
    {
        await using var server = new KioskApp();
        await server.InitializeAsync();
        // As when a DBA has not yet applied the script of the newest migration.
        await server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT MAX(MigrationId) FROM __EFMigrationsHistory)"));

        var ready = await GetAsync(server, "/healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", CheckStatus(ready.Body, "migrations"));
        Assert.Equal("Healthy", CheckStatus(ready.Body, "database"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(server, "/healthz/live"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(server, "/healthz"));
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_not_ready_and_not_healthy_while_the_process_is_live()
    {
        await using var server = new KioskApp();
        await server.InitializeAsync();
        // The database file is gone and a folder stands in its place: SQLite cannot open it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = Path.Combine(server.DataDirectory, "kiosk.db");
        foreach (var part in new[] { file, file + "-wal", file + "-shm" }) File.Delete(part);
        Directory.CreateDirectory(file);

        var ready = await GetAsync(server, "/healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", CheckStatus(ready.Body, "database"));
        Assert.DoesNotContain(server.DataDirectory, ready.Body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(server, "/healthz")).Status);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(server, "/healthz/live"));
        Directory.Delete(file);
    }
}
