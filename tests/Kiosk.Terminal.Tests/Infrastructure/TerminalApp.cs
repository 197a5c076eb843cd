using System.Net.Http.Json;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Ui;
using Kiosk.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Terminal.Tests.Infrastructure;

/// <summary>
/// A real terminal host on a loopback port with its own data folder, talking to <paramref name="server"/>
/// (usually through a <see cref="FaultProxy"/>). Its clock is a fake one the test moves.
/// </summary>
public sealed class TerminalApp(Uri server, string enrolmentCode, Dictionary<string, string?>? settings = null, TimeSpan clockOffset = default) : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kiosk-terminal-").FullName;
    private WebApplicationFactory<TerminalOptions>? _factory;

    /// <summary>The kiosk PC's clock: moved by the test; <c>clockOffset</c> starts it that far off the real time.</summary>
    public KioskPcClock Clock { get; } = new(DateTimeOffset.UtcNow + clockOffset);
    public HttpClient Local { get; private set; } = null!;
    public IServiceProvider Services => _factory!.Services;
    public string DataDirectory => _dataDirectory;

    /// <summary>Everything the terminal logged, at every level: what its log file would show.</summary>
    public CapturedLogs Logs { get; } = new();

    public TerminalApp Start()
    {
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Server:Url"] = server.ToString(),
            ["Server:TimeoutSeconds"] = "2",
            ["Terminal:EnrolmentCode"] = enrolmentCode,
            ["Terminal:DataDirectory"] = _dataDirectory,
            ["Terminal:SyncSeconds"] = "1",
            // Tests print at once unless they look at the badge preview (they set it themselves).
            ["Terminal:BadgePreviewSeconds"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        _factory = new WebApplicationFactory<TerminalOptions>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in all) b.UseSetting(k, v);
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
            b.ConfigureServices(s => s.AddLogging(Logs.AddTo));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        Local = _factory.CreateClient();
        return this;
    }

    public async Task<KioskStateView> StateAsync() => (await Local.GetFromJsonAsync<KioskStateView>("/local/state", Json.Options))!;

    public async Task<ScanAnswer> ScanAsync(string text)
    {
        var response = await Local.PostAsJsonAsync("/local/scan", new ScanRequest(text, "de"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ScanAnswer>(Json.Options))!;
    }

    public Task<int> PrintJobCountAsync() => Services.GetRequiredService<Offline.TerminalStore>().ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM print_jobs";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    });

    /// <summary>Waits until the terminal is enrolled and holds <paramref name="attendees"/> roster entries.</summary>
    public Task ReadyAsync(int attendees) => Eventually.Async(
        async () => (await StateAsync(), await Services.GetRequiredService<Offline.Roster>().CountAsync()),
        x => x.Item1.Enrolled && x.Item2 == attendees, "enrolment and roster copy");

    /// <summary>Stops the kiosk process and starts it again on the same data directory (its enrolment, roster, outbox and print jobs).</summary>
    public async Task RestartAsync()
    {
        await _factory!.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Start();
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
