using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Ui;
using Kiosk.Testing;

namespace Kiosk.Terminal.Tests.Infrastructure;

/// <summary>
/// The terminal as a real operating-system process (dotnet Kiosk.Terminal.dll), so a test can kill it
/// with SIGKILL at any moment and start it again on the same data folder.
/// </summary>
public sealed class TerminalProcess(Uri server, string enrolmentCode) : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kiosk-terminal-proc-").FullName;
    private readonly int _port = FreePort();
    private Process? _process;

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Kiosk.Terminal.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Terminal__Urls"] = $"http://127.0.0.1:{_port}";
        start.Environment["Terminal__DataDirectory"] = _dataDirectory;
        start.Environment["Terminal__EnrolmentCode"] = enrolmentCode;
        start.Environment["Terminal__SyncSeconds"] = "1";
        start.Environment["Server__Url"] = server.ToString();
        start.Environment["Server__TimeoutSeconds"] = "2";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.Async(async () =>
        {
            try { return (await Client.GetAsync(Url("/healthz"))).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, up => up || _process.HasExited, "the terminal process to listen");
        Assert.False(_process.HasExited, "The terminal process exited during start-up.");
    }

    public HttpClient Client { get; } = new();

    /// <summary>SIGKILL: no shutdown code runs, exactly like pulling the plug.</summary>
    public void KillHard()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    public async Task<KioskStateView> StateAsync() => (await Client.GetFromJsonAsync<KioskStateView>(Url("/local/state"), Json.Options))!;

    public async Task<ScanAnswer> ScanAsync(string text)
    {
        var response = await Client.PostAsJsonAsync(Url("/local/scan"), new ScanRequest(text, "de"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ScanAnswer>(Json.Options))!;
    }

    private Uri Url(string path) => new($"http://127.0.0.1:{_port}{path}");

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        _process?.Dispose();
        Client.Dispose();
        await Task.CompletedTask;
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
