using System.Diagnostics;
using System.Text;
using Kiosk.Testing;

namespace Kiosk.EndToEnd.Tests.FrontDoor;

/// <summary>A long-running command (the demo, a published app) whose output is kept for the failure message.</summary>
public sealed class RunningCommand : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public RunningCommand(ProcessStartInfo start)
    {
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool Exited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Waits until <paramref name="address"/> answers /healthz; fails with the command's output if it exits first.</summary>
    public async Task ListeningAsync(Uri address, int seconds)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var up = await Eventually.Async(async () =>
        {
            try { return (await probe.GetAsync(new Uri(address, "/healthz"))).IsSuccessStatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
        }, answered => answered || _process.HasExited, $"{address} to answer; output:\n{Tail()}", seconds);
        Assert.True(up, $"The command exited before {address} answered:\n{Tail()}");
    }

    public string Tail() => string.Join('\n', Output.Split('\n').TakeLast(40));

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        // Ctrl+C first, as a person stops the demo (its trap stops both apps); then whatever is left.
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(10_000)) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
