using System.Net.Http.Json;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Ui;
using Kiosk.Testing;

namespace Kiosk.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A kiosk terminal as a real process (dotnet Kiosk.Terminal.dll) talking to the server at
/// <paramref name="server"/> (usually a <see cref="FaultProxy"/>), so a test can kill it with SIGKILL at
/// any moment and start it again on the same data folder.
/// </summary>
public sealed class TerminalProcess : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kiosk-terminal-proc-").FullName;
    private readonly AppProcess _app;

    public TerminalProcess(Uri server, string enrolmentCode, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = AppProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Terminal__Urls"] = $"http://127.0.0.1:{port}",
            ["Terminal__DataDirectory"] = _dataDirectory,
            ["Terminal__EnrolmentCode"] = enrolmentCode,
            ["Terminal__SyncSeconds"] = "1",
            ["Terminal__BadgePreviewSeconds"] = "0",
            ["Server__Url"] = server.ToString(),
            ["Server__TimeoutSeconds"] = "2",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) environment[k] = v;
        _app = new AppProcess("Kiosk.Terminal.dll", environment, port);
        Client = new HttpClient { BaseAddress = _app.Address };
    }

    public HttpClient Client { get; }

    public Task StartAsync() => _app.StartAsync();

    /// <summary>SIGKILL: no shutdown code runs, exactly like pulling the plug.</summary>
    public void KillHard() => _app.KillHard();

    public async Task<KioskStateView> StateAsync() => (await Client.GetFromJsonAsync<KioskStateView>("/local/state", Json.Options))!;

    public async Task<ScanAnswer> ScanAsync(string text)
    {
        var response = await Client.PostAsJsonAsync("/local/scan", new ScanRequest(text, "de"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ScanAnswer>(Json.Options))!;
    }

    public Task ReadyAsync(int attendees) =>
        Eventually.Async(StateAsync, s => s.Enrolled && s.RosterSize == attendees, "enrolment and roster copy", seconds: 60);

    public Task DrainedAsync() => Eventually.Async(StateAsync, s => s.Outbox == 0, "the outbox to drain", seconds: 90);

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        Client.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
