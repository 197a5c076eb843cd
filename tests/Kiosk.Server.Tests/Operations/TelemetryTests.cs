using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kiosk.Server.Tests.Operations;

/// <summary>
/// The server with a scrape token and an OTLP collector on loopback that keeps every export it receives
/// (http/protobuf, exported every few hundred milliseconds).
/// </summary>
public sealed class ObservedKioskApp() : KioskApp(Engine.Sqlite, new() { ["Metrics:ScrapeToken"] = ScrapeToken })
{
    public const string ScrapeToken = "scrape-token-for-the-tests-0123456789";
    private WebApplication? _collector;

    /// <summary>Every OTLP request body, by path (/v1/traces, /v1/metrics).</summary>
    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _collector = builder.Build();
        _collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            Exports.Enqueue((request.Path, body.ToArray()));
            return Results.Ok();
        });
        await _collector.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", _collector!.Urls.First());
        builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
        builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "300");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_collector is not null) await _collector.DisposeAsync();
    }
}

/// <summary>What an operator's Prometheus and OTLP collector see: counts per outcome and per kiosk, nothing about a person.</summary>
public sealed class TelemetryTests(ObservedKioskApp app) : IClassFixture<ObservedKioskApp>
{
    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels contain all of <paramref name="labels"/> (e.g. <c>outcome="FirstCheckIn"</c>).</summary>
    private static double Sample(string scrape, string metric, params string[] labels) => scrape.Split('\n')
        .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l.Contains))
        .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    [Fact]
    public async Task Metrics_are_for_organizers_and_the_scrape_token_only()
    {
        var fair = await Fair.OpenAsync(app);
        using var staff = await app.UserAsync(fair.Organizer, "Staff");
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        using var anonymous = app.Anonymous();
        using var wrongToken = app.WithBearer("not-the-scrape-token-at-all-000000000");
        using var scraper = app.WithBearer(ObservedKioskApp.ScrapeToken);
        using var cookie = await app.CookieClientAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongToken.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync("/metrics")).StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await ScrapeAsync(fair.Organizer));
        await ScrapeAsync(cookie);
        await ScrapeAsync(scraper);
    }

    [Fact]
    public async Task Check_ins_door_scans_and_their_latency_are_counted_per_outcome()
    {
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Masterclass Raum Ruhr", 30);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var before = await ScrapeAsync(fair.Organizer);
        var token = await fair.TokenAsync("A-1");

        foreach (var _ in new[] { 1, 2 })
            (await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();
        (await kiosk.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();
        var after = await ScrapeAsync(fair.Organizer);

        Assert.True(Sample(after, "kiosk_checkins_total", "outcome=\"FirstCheckIn\"") >= Sample(before, "kiosk_checkins_total", "outcome=\"FirstCheckIn\"") + 1, after);
        Assert.True(Sample(after, "kiosk_checkins_total", "outcome=\"AlreadyCheckedIn\"") >= Sample(before, "kiosk_checkins_total", "outcome=\"AlreadyCheckedIn\"") + 1, after);
        Assert.True(Sample(after, "kiosk_door_scans_total", "decision=\"Admitted\"") >= Sample(before, "kiosk_door_scans_total", "decision=\"Admitted\"") + 1, after);
        Assert.True(Sample(after, "kiosk_scan_duration_seconds_count", "kind=\"checkin\"") >= Sample(before, "kiosk_scan_duration_seconds_count", "kind=\"checkin\"") + 2, after);
        Assert.True(Sample(after, "kiosk_scan_duration_seconds_count", "kind=\"door\"") >= Sample(before, "kiosk_scan_duration_seconds_count", "kind=\"door\"") + 1, after);
    }

    [Fact]
    public async Task A_kiosk_heartbeat_shows_its_outbox_and_printer_by_terminal_id_and_live_connections_are_counted()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd 3");
        var terminal = $"terminal=\"{enrolment.TerminalId}\"";

        (await kiosk.PostAsJsonAsync("/api/terminal/heartbeat", new TerminalHeartbeat("1.2.3", 7, "PaperOut", "Lobby", new KioskFigures(2003, 2, 41, 3.5, 8.25)), Json.Options)).EnsureSuccessStatusCode();
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, Dashboard.LiveHub.Route), o => o.AccessTokenProvider = () => Task.FromResult(fair.Organizer.DefaultRequestHeaders.Authorization?.Parameter))
            .Build();
        await live.StartAsync();
        var scrape = await Eventually.Async(() => ScrapeAsync(fair.Organizer), m => Sample(m, "kiosk_signalr_connections", "hub=\"live\"") >= 1, "the dashboard connection counted");

        Assert.Equal(7, Sample(scrape, "kiosk_terminal_outbox", terminal));
        Assert.Equal(1, Sample(scrape, "kiosk_terminal_printer", terminal, "state=\"PaperOut\""));
        Assert.Equal(0, Sample(scrape, "kiosk_terminal_printer", terminal, "state=\"Ready\""));
        // The kiosk's own figures, as it reported them.
        Assert.Equal(2003, Sample(scrape, "kiosk_terminal_roster", terminal));
        Assert.Equal(2, Sample(scrape, "kiosk_terminal_orphaned", terminal));
        Assert.Equal(8.25, Sample(scrape, "kiosk_terminal_scan_p95_milliseconds", terminal));
        Assert.DoesNotContain("Eingang Süd", scrape);
    }

    [Fact]
    public async Task A_name_search_leaves_no_trace_of_the_name_in_spans_or_metrics()
    {
        const string marker = "Quokkawitz";
        var fair = await Fair.OpenAsync(app, Fair.Roster + $"\nA-9;;Xaver;{marker};Zeche Zollverein;Besucher;x.q@zollverein.example");
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var exportsBefore = app.Exports.Count;

        var hits = await fair.Organizer.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/events/{fair.Event.Id}/attendees/search?q={marker}", Json.Options);
        Assert.Equal(1, hits.GetArrayLength());
        (await kiosk.GetAsync($"/api/events/{fair.Event.Id}/attendees/search?q={marker[..5]}")).EnsureSuccessStatusCode();
        (await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(await fair.TokenAsync("A-9"), null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();

        // The collector has the search request's span (by its route) and the database spans under it.
        await Eventually.Async(() => Task.FromResult(Exported("/v1/traces", exportsBefore)),
            t => t.Contains("attendees/search", StringComparison.Ordinal) && t.Contains("SELECT", StringComparison.Ordinal), "the search span at the collector");
        await Eventually.Async(() => Task.FromResult(Exported("/v1/metrics", exportsBefore)), m => m.Contains("kiosk.checkins", StringComparison.Ordinal), "metrics at the collector");
        var everything = Exported("/v1/traces", 0) + Exported("/v1/metrics", 0) + await ScrapeAsync(fair.Organizer);

        Assert.DoesNotContain(marker, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(marker[..5], everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("zollverein", everything, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The OTLP bodies received on a path since the n-th export, as text (strings in protobuf are plain UTF-8).</summary>
    private string Exported(string path, int since) =>
        string.Concat(app.Exports.Skip(since).Where(e => e.Path == path).Select(e => Encoding.UTF8.GetString(e.Body)));
}
