using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kiosk.Testing;

/// <summary>
/// One of our apps (Kiosk.Server.dll, Kiosk.Terminal.dll from the test's output folder) as a real
/// operating-system process on a fixed loopback port, so a test can kill it with SIGKILL at any moment
/// and start it again on the same data folder and address.
/// </summary>
public sealed class AppProcess(string dll, IReadOnlyDictionary<string, string> environment, int port) : IDisposable
{
    private Process? _process;
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    public int Port => port;
    public Uri Address => new($"http://127.0.0.1:{port}");
    public bool Running => _process is { HasExited: false };

    /// <summary>Resident memory of the process in bytes (Linux /proc), or null where that cannot be read.</summary>
    public long? ResidentBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process?.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return null; }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, dll)])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.Async(async () =>
        {
            try { return (await _probe.GetAsync(new Uri(Address, "/healthz"))).IsSuccessStatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
        }, up => up || _process.HasExited, $"{dll} to listen", seconds: 120);
        Assert.False(_process.HasExited, $"{dll} exited during start-up.");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like pulling the plug.</summary>
    public void KillHard()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        KillHard();
        _process?.Dispose();
        _probe.Dispose();
    }
}
