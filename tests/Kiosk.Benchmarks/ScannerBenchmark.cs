using System.Diagnostics;
using System.Net.Http.Json;
using Kiosk.Terminal;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Ui;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kiosk.Benchmarks;

/// <summary>
/// First byte from the scanner → last byte at the printer, for a keyboard-wedge scanner typing into the kiosk page
/// in Debian chromium (2 ms a key) and for a serial scanner on a socat pseudo-terminal pair, each badge scanned once.
/// Server, terminal and a capturing TCP printer run in this process on loopback, the page in headless chromium.
/// </summary>
public static class ScannerBenchmark
{
    private const double KeyMs = 2.0;
    private const int Warmup = 5;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    // Dispatches one keydown per character at KeyMs intervals from the first one, then Enter, as a wedge scanner
    // types; a MessageChannel loop (no 4 ms timer clamping) paces it. Answers the page time of the first key.
    private const string Type = """
        ([code, keyMs]) => new Promise((resolve) => {
          const keys = [...code, 'Enter'];
          const channel = new MessageChannel();
          let i = 0, first = -1;
          channel.port1.onmessage = () => {
            const now = performance.now();
            if (first < 0) first = now;
            while (i < keys.length && now >= first + i * keyMs) {
              document.dispatchEvent(new KeyboardEvent('keydown', { key: keys[i], bubbles: true, cancelable: true }));
              i++;
            }
            if (i < keys.length) channel.port2.postMessage(0);
            else resolve(performance.timeOrigin + first);
          };
          channel.port2.postMessage(0);
        })
        """;

    private static readonly long Started = Stopwatch.GetTimestamp();
    private static readonly double StartedMs = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    /// <summary>This process's clock as Unix milliseconds, on the monotonic clock.</summary>
    private static double Ms(long timestamp) => StartedMs + Stopwatch.GetElapsedTime(Started, timestamp).TotalMilliseconds;

    public static async Task<int> RunAsync(int scans)
    {
        if (!File.Exists(ScannerPty.Socat) || !File.Exists("/usr/bin/chromium"))
        {
            Console.Error.WriteLine("Needs Debian socat and chromium (apt-get install socat chromium).");
            return 2;
        }
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg")[..14]}, {Environment.OSVersion}; server, terminal and printer in one process on loopback, headless Debian chromium; Release.");
        var server = new KioskApp();
        await server.InitializeAsync();
        var people = 3 * (scans + Warmup);
        var fair = await Fair.OpenAsync(server, TerminalBenchmark.Registrations(people));
        await using var printer = new CapturingPrinter();
        await using var pty = await ScannerPty.StartAsync();
        var data = Directory.CreateTempSubdirectory("kiosk-bench-scanner-").FullName;
        var code = await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id);
        var terminal = TerminalHost.Build([
            "--urls=http://127.0.0.1:0", $"--Server:Url={server.BaseAddress}", $"--Terminal:EnrolmentCode={code}", $"--Terminal:DataDirectory={data}", "--Terminal:BadgePreviewSeconds=0",
            "--Printer:Kind=Network", "--Printer:Host=127.0.0.1", $"--Printer:Port={printer.Port}", $"--Scanner:SerialPort={pty.PortPath}",
            "--Terminal:IdleSeconds=600", "--Logging:LogLevel:Default=Warning",
        ]);
        await terminal.StartAsync();
        var url = new Uri(terminal.Urls.First());
        var local = new HttpClient { BaseAddress = url };
        await Eventually.Async(() => local.GetFromJsonAsync<KioskStateView>("/local/state", Json.Options)!,
            s => s!.RosterSize == people && s.Scanner == ScannerState.Ready, "roster copy and serial scanner", seconds: 300);
        var tokens = new Queue<string>((await terminal.Services.GetRequiredService<Roster>().AllAsync()).Select(p => p.Token));
        Console.WriteLine($"Token: {tokens.Peek().Length} characters (format 2; format 1 was {Kiosk.Shared.Badges.BadgeToken.TextLength}).");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1080, Height = 1920 } });
        await page.GotoAsync(url.ToString());
        await page.WaitForSelectorAsync("[data-testid=screen-start]");
        var feed = terminal.Services.GetRequiredService<ScannerFeed>();
        await Eventually.Async(() => Task.FromResult(feed.Pages), n => n == 1, "the page listening to the serial scanner");

        var failures = 0;
        var tokenLength = tokens.Peek().Length;
        failures += Report($"wedge in chromium, {tokenLength} keys at {KeyMs} ms", await MeasureAsync(scans, tokens, t => WedgeAsync(page, printer, t)));
        var padding = new string(' ', Kiosk.Shared.Badges.BadgeToken.TextLength - tokenLength);
        failures += Report($"wedge in chromium, {Kiosk.Shared.Badges.BadgeToken.TextLength} keys at {KeyMs} ms (format 1's length: the same token after {padding.Length} spaces the page trims)",
            await MeasureAsync(scans, tokens, t => WedgeAsync(page, printer, padding + t)));
        failures += Report($"serial (socat pty; {tokenLength} bytes + CR in 64-byte pieces 1 ms apart, as USB full-speed packets)", await MeasureAsync(scans, tokens, t => SerialAsync(pty, printer, t)));

        Console.WriteLine($"Load average at the end: {File.ReadAllText("/proc/loadavg")[..14]}");
        await browser.CloseAsync();
        await terminal.StopAsync();
        await server.DisposeAsync();
        try { Directory.Delete(data, true); } catch (IOException) { }
        return failures;
    }

    private static async Task<List<double>> MeasureAsync(int scans, Queue<string> tokens, Func<string, Task<double>> scan)
    {
        var times = new List<double>();
        for (var i = 0; i < Warmup + scans; i++)
        {
            // Visitors come seconds apart: the page has drawn the last answer before the next scan begins.
            await Task.Delay(Pause);
            var ms = await scan(tokens.Dequeue());
            if (i >= Warmup) times.Add(ms);
        }
        return times;
    }

    private static int Report(string label, List<double> times)
    {
        var (p50, p95) = (TerminalBenchmark.Percentile(times, 50), TerminalBenchmark.Percentile(times, 95));
        Console.WriteLine($"First scanner byte -> last byte at the printer, {times.Count} scans, {label}: p50 {p50:0.0} ms, p95 {p95:0.0} ms, max {times.Max():0.0} ms");
        return 0;
    }

    private static async Task<double> WedgeAsync(IPage page, CapturingPrinter printer, string code)
    {
        var offset = await PageClockOffsetAsync(page);
        var firstKey = await page.EvaluateAsync<double>(Type, new object[] { code, KeyMs }) - offset;
        var (_, at) = await printer.NextTimedJobAsync(30);
        return Ms(at) - firstKey;
    }

    private static async Task<double> SerialAsync(ScannerPty pty, CapturingPrinter printer, string code)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(code + "\r");
        var first = Stopwatch.GetTimestamp();
        for (var sent = 0; sent < bytes.Length; sent += 64)
        {
            if (sent > 0) Thread.Sleep(1);
            await pty.SendAsync(bytes[sent..Math.Min(bytes.Length, sent + 64)]);
        }
        var (_, at) = await printer.NextTimedJobAsync(30);
        return Ms(at) - Ms(first);
    }

    /// <summary>Page clock minus this process's clock, from the quickest of three round trips (error: half of it, well under 1 ms).</summary>
    private static async Task<double> PageClockOffsetAsync(IPage page)
    {
        var best = (Rtt: double.MaxValue, Offset: 0.0);
        for (var i = 0; i < 3; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var pageMs = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = Stopwatch.GetTimestamp();
            var rtt = Ms(after) - Ms(before);
            if (rtt < best.Rtt) best = (rtt, pageMs - (Ms(before) + Ms(after)) / 2);
        }
        return best.Offset;
    }
}
