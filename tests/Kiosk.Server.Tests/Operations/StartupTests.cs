using System.Net.Http.Json;
using Kiosk.Shared;
using Kiosk.Testing;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Tests.Operations;

/// <summary>The start-up options: read once, validated before the first request, and the version the server reports.</summary>
public sealed class StartupTests(KioskApp app) : IClassFixture<KioskApp>
{
    private sealed record VersionView(string Version);

    private sealed class SettingsApp(Dictionary<string, string?> settings) : KioskApp(Engine.Sqlite, settings);

    [Fact]
    public async Task The_server_reports_the_release_it_belongs_to()
    {
        using var client = app.Anonymous();
        var version = await client.GetFromJsonAsync<VersionView>("/api/version", Json.Options);

        Assert.Equal(ProductVersion.Current, version!.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Version);
        Assert.NotEqual("0.0.0", version.Version);
    }

    [Theory]
    [InlineData("Demo:KioskUrl", "kiosk-pc:5180", "Demo:KioskUrl")]
    [InlineData("ConnectionStrings:Redis", "redis:6379,ssl=maybe", "ConnectionStrings:Redis")]
    [InlineData("RateLimits:LoginPerMinute", "0", "LoginPerMinute")]
    public async Task A_setting_that_cannot_work_stops_the_start_with_its_name(string key, string value, string named)
    {
        await using var server = new SettingsApp(new() { [key] = value });

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await server.InitializeAsync());

        var validation = Find<OptionsValidationException>(refused);
        Assert.Contains(named, string.Join(" ", validation.Failures));
    }

    [Fact]
    public async Task Sign_in_keys_live_in_the_configured_folder()
    {
        var keys = Directory.CreateTempSubdirectory("kiosk-keys-").FullName;
        try
        {
            await using var server = new SettingsApp(new() { ["DataProtection:KeysDirectory"] = keys });
            await server.InitializeAsync();
            using var organizer = await server.CookieClientAsync();

            Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
            Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "keys")));
        }
        finally { Directory.Delete(keys, recursive: true); }
    }

    [Fact]
    public async Task A_database_from_before_the_baseline_is_refused_with_what_to_do()
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-old-db-").FullName;
        try
        {
            var file = Path.Combine(folder, "kiosk.db");
            await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
            {
                await old.OpenAsync();
                await using var command = old.CreateCommand();
                command.CommandText = "CREATE TABLE __EFMigrationsHistory (MigrationId TEXT PRIMARY KEY, ProductVersion TEXT NOT NULL);" +
                    "INSERT INTO __EFMigrationsHistory VALUES ('20261123081500_Initial', '10.0.0'); CREATE TABLE Events (Id INTEGER PRIMARY KEY);";
                await command.ExecuteNonQueryAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var server = new SettingsApp(new() { ["ConnectionStrings:Kiosk"] = $"Data Source={file}" });

            var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await server.InitializeAsync());

            var message = Find<InvalidOperationException>(refused).Message;
            Assert.Contains("before Kiosk 1.0.0", message);
            Assert.Contains("20261123081500_Initial", message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The first exception of type T in the chain the host start threw (wrapped in aggregate or inner exceptions).</summary>
    private static T Find<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[0] : x.InnerException)
            if (x is T found) return found;
        throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} in: {e}");
    }
}
