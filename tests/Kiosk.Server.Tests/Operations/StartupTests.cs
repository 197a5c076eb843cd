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

        var validation = Assert.IsType<OptionsValidationException>(Unwrap(refused));
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

    private static Exception Unwrap(Exception e)
    {
        while (e is not OptionsValidationException && e.InnerException is { } inner) e = inner;
        if (e is AggregateException { InnerExceptions.Count: > 0 } all) return Unwrap(all.InnerExceptions[0]);
        return e;
    }
}
