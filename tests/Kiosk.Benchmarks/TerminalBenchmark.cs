using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Terminal;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Ui;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Benchmarks;

/// <summary>
/// The kiosk's own numbers on loopback: roster copy of a large fair, name search over it, and scan →
/// last byte at a network printer, with the server reachable and cut off.
/// </summary>
public static class TerminalBenchmark
{
    public static async Task<int> RunAsync(int people, int scans)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; server, terminal and printer in one process on loopback; Release.");
        var server = new KioskApp();
        await server.InitializeAsync();
        var fair = await Fair.OpenAsync(server, Registrations(people));
        await using var proxy = new FaultProxy(server.BaseAddress);
        await using var printer = new CapturingPrinter();
        var data = Directory.CreateTempSubdirectory("kiosk-bench-terminal-").FullName;
        var code = await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id);

        var started = Stopwatch.StartNew();
        var terminal = TerminalHost.Build([
            "--urls=http://127.0.0.1:0", $"--Server:Url={proxy.Address}", $"--Terminal:EnrolmentCode={code}", $"--Terminal:DataDirectory={data}", "--Terminal:BadgePreviewSeconds=0",
            "--Printer:Kind=Network", "--Printer:Host=127.0.0.1", $"--Printer:Port={printer.Port}", "--Logging:LogLevel:Default=Warning",
        ]);
        await terminal.StartAsync();
        var local = new HttpClient { BaseAddress = new Uri(terminal.Urls.First()) };
        await Eventually.Async(() => local.GetFromJsonAsync<KioskStateView>("/local/state", Json.Options)!, s => s!.RosterSize == people, "roster copy", seconds: 300);
        var sync = started.Elapsed;
        Console.WriteLine($"Roster copy of {people:N0} attendees (enrol + full sync): {sync.TotalSeconds:0.00} s   target <= 5 s");

        var failures = 0;
        failures += await SearchAsync(local);
        var tokens = (await terminal.Services.GetRequiredService<Roster>().AllAsync()).Select(p => p.Token).ToList();
        failures += await ScanAsync(local, printer, tokens.Take(scans).ToList(), "server reachable");
        proxy.Mode = Fault.Reset;
        failures += await ScanAsync(local, printer, tokens.Skip(scans).Take(scans).ToList(), "server cut off");

        await terminal.StopAsync();
        await server.DisposeAsync();
        try { Directory.Delete(data, true); } catch (IOException) { }
        return failures;
    }

    private static async Task<int> SearchAsync(HttpClient local)
    {
        string[] queries = ["müller", "Schröder", "jürgen gross", "oeztuerk", "Käthe Weiß", "schmidt", "Hoffmann", "zoe"];
        foreach (var q in queries) await local.GetAsync($"/local/search?q={Uri.EscapeDataString(q)}"); // first build of the index
        var times = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            var t = Stopwatch.GetTimestamp();
            var response = await local.GetAsync($"/local/search?q={Uri.EscapeDataString(queries[i % queries.Length])}");
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Search for {queries[i % queries.Length]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        var (p50, p95) = (Percentile(times, 50), Percentile(times, 95));
        Console.WriteLine($"Name search over the roster via /local/search, {times.Count} queries: p50 {p50:0.0} ms, p95 {p95:0.0} ms   target <= 20 ms");
        return p95 <= 20 ? 0 : 1;
    }

    private static async Task<int> ScanAsync(HttpClient local, CapturingPrinter printer, List<string> tokens, string label)
    {
        var times = new List<double>();
        var bytes = new List<int>();
        foreach (var token in tokens)
        {
            var t = Stopwatch.GetTimestamp();
            var response = await local.PostAsJsonAsync("/local/scan", new ScanRequest(token, "de"));
            var answer = await response.Content.ReadFromJsonAsync<ScanAnswer>(Json.Options);
            if (answer!.Result != ScanResult.Welcome) throw new InvalidOperationException($"Scan answered {answer.Result}.");
            var (job, at) = await printer.NextTimedJobAsync(30);
            times.Add(Stopwatch.GetElapsedTime(t, at).TotalMilliseconds);
            bytes.Add(job.Length);
        }
        var (p50, p95) = (Percentile(times, 50), Percentile(times, 95));
        Console.WriteLine($"Scan -> last byte at the printer, {tokens.Count} scans, {label}: p50 {p50:0.0} ms, p95 {p95:0.0} ms, max {times.Max():0.0} ms   target p95 <= 150 ms");
        Console.WriteLine($"  bytes per badge (native QR): mean {bytes.Average():0}, max {bytes.Max()}   target <= 2048");
        return p95 <= 150 && bytes.Max() <= 2048 ? 0 : 1;
    }

    internal static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    internal static string Registrations(int people)
    {
        string[] first = ["Anna", "Jürgen", "Sören", "Käthe", "Zoë", "Björn", "Özlem", "Jörg", "Grete", "Lutz", "Hannah", "Maximilian"];
        string[] last = ["Müller", "Schröder", "Groß", "Weiß", "Öztürk", "Schmidt", "Hoffmann", "Köhler", "Jäger", "Krüger", "Nußbaum", "Bäcker"];
        string[] orgs = ["Stadt Essen", "Stadt Köln", "Kreis Lippe", "Gemeinde Hünxe", "IT.NRW", "Stadt Mülheim an der Ruhr"];
        var random = new Random(50);
        var csv = new StringBuilder("ID;Vorname;Nachname;Organisation;E-Mail\n");
        for (var i = 1; i <= people; i++)
            csv.Append($"B-{i};{first[random.Next(first.Length)]};{last[random.Next(last.Length)]}{(i % 3 == 0 ? "-" + last[random.Next(last.Length)] : "")};{orgs[random.Next(orgs.Length)]};p{i}@kommune.example\n");
        return csv.ToString();
    }
}
