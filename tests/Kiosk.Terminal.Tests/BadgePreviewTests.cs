using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Dashboard;
using Kiosk.Server.Desk;
using Kiosk.Terminal.Printing;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// The badge shown before it prints (Terminal:BadgePreviewSeconds = 3), over a real TCP printer: "Drucken", the end of
/// the countdown on the kiosk's clock, "Fehler auf dem Badge?" and a restart in between.
/// </summary>
public sealed class BadgePreviewTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private CapturingPrinter _printer = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        _printer = new CapturingPrinter();
        var code = await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id);
        _terminal = new TerminalApp(server.BaseAddress, code, new()
        {
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = _printer.Port.ToString(),
            ["Terminal:BadgePreviewSeconds"] = "3",
        }).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _printer.DisposeAsync();
    }

    private Task<int> CountAsync(PrintJobState state) => _terminal.Services.GetRequiredService<PrintJobs>().CountAsync(state);

    private async Task<ScanAnswer> ScanHeldAsync(string externalId)
    {
        var answer = await _terminal.ScanAsync(await _fair.TokenAsync(externalId));
        Assert.Equal(ScanResult.Welcome, answer.Result);
        Assert.NotNull(answer.PrintRef);
        Assert.Equal(3, answer.PreviewSeconds);
        return answer;
    }

    [Fact]
    public async Task The_badge_waits_on_the_screen_and_prints_at_once_when_the_visitor_presses_Drucken()
    {
        var answer = await ScanHeldAsync("A-1");

        // The kiosk's clock stands still: the job is held, and its picture is drawn without printing.
        Assert.Equal(1, await CountAsync(PrintJobState.Queued));
        var picture = await _terminal.Local.GetStringAsync(answer.Preview);
        Assert.Contains("Müller", picture);
        Assert.Equal(0, _printer.JobsPrinted);

        Assert.Equal(HttpStatusCode.NoContent, (await _terminal.Local.PostAsync($"/local/print/{answer.PrintRef}/release", null)).StatusCode);
        Assert.Contains("M\u0081ller", Encoding.Latin1.GetString(await _printer.NextJobAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await _terminal.Local.PostAsync("/local/print/0123456789ABCDEF0123456789ABCDEF/release", null)).StatusCode);
    }

    [Fact]
    public async Task A_badge_nobody_releases_prints_when_the_countdown_ends_on_the_kiosk_clock()
    {
        await ScanHeldAsync("A-2");
        _terminal.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((1, 0), (await CountAsync(PrintJobState.Queued), _printer.JobsPrinted));

        _terminal.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("Gro\u00E1", Encoding.Latin1.GetString(await _printer.NextJobAsync()));
        await Eventually.Async(() => CountAsync(PrintJobState.Printed), n => n == 1, "the job to be printed");
    }

    [Fact]
    public async Task A_held_badge_survives_a_restart_and_prints_after_its_release_time()
    {
        await ScanHeldAsync("A-3");
        await _terminal.RestartAsync();
        Assert.Equal((1, 0), (await CountAsync(PrintJobState.Queued), _printer.JobsPrinted));

        _terminal.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Contains("Wei\u00E1", Encoding.Latin1.GetString(await _printer.NextJobAsync(seconds: 30)));
    }

    [Fact]
    public async Task Fehler_auf_dem_Badge_prints_nothing_counts_the_arrival_once_and_the_desk_reprint_prints_one_badge_there()
    {
        var anna = await _fair.AttendeeAsync("A-1");
        var answer = await ScanHeldAsync("A-1");

        var bad = await _terminal.Local.PostAsJsonAsync($"/local/print/{answer.PrintRef}/correction", new { fields = new[] { "name", "shoe size" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var sent = await _terminal.Local.PostAsJsonAsync($"/local/print/{answer.PrintRef}/correction", new { fields = new[] { "name", "organization" } });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.False((await sent.Content.ReadFromJsonAsync<Kiosk.Terminal.Ui.CorrectionAnswer>(Json.Options))!.Printed);
        // Pressed twice: still one request.
        Assert.Equal(HttpStatusCode.OK, (await _terminal.Local.PostAsJsonAsync($"/local/print/{answer.PrintRef}/correction", new { fields = new[] { "name" } })).StatusCode);

        // Long past the countdown, and "Drucken" pressed late: the cancelled badge never prints. The next visitor's badge
        // is the first the printer gets (jobs print in order, so a cancelled one left in line would come first).
        _terminal.Clock.Advance(TimeSpan.FromSeconds(30));
        await _terminal.Local.PostAsync($"/local/print/{answer.PrintRef}/release", null);
        var next = await ScanHeldAsync("A-4");
        await _terminal.Local.PostAsync($"/local/print/{next.PrintRef}/release", null);
        Assert.Contains("Zo", Encoding.Latin1.GetString(await _printer.NextJobAsync()));
        Assert.Equal(1, await CountAsync(PrintJobState.Cancelled));

        var open = await Eventually.Async(
            () => _fair.Organizer.GetFromJsonAsync<List<CorrectionRequestView>>($"/api/events/{_fair.Event.Id}/desk/corrections", Json.Options)!,
            list => list!.Count == 1, "the correction request on the desk's list");
        var request = open!.Single();
        Assert.Equal((anna.Id, "Dr. Anna Müller"), (request.AttendeeId, request.AttendeeName));
        Assert.Equal(["name", "organization"], request.Fields);
        var dashboard = await Eventually.Async(
            () => _fair.Organizer.GetFromJsonAsync<DashboardSnapshot>($"/api/events/{_fair.Event.Id}/dashboard", Json.Options)!,
            d => d!.Arrived == 2, "both arrivals on the dashboard");
        Assert.Equal(2, dashboard!.Arrived);
        Assert.Equal(1, await server.WithDbAsync(db => db.CheckIns.CountAsync(c => c.AttendeeId == anna.Id)));

        // The desk corrects and prints at the kiosk the request came from: exactly one badge, and the request leaves the list.
        var corrected = await _fair.Organizer.PatchAsJsonAsync($"/api/attendees/{anna.Id}",
            new { organization = "Stadt Essen (Kulturamt)", reason = "Korrekturwunsch am Kiosk", reprintAt = request.TerminalId });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Contains("Kulturamt", Encoding.Latin1.GetString(await _printer.NextJobAsync(seconds: 30)));
        Assert.Empty((await _fair.Organizer.GetFromJsonAsync<List<CorrectionRequestView>>($"/api/events/{_fair.Event.Id}/desk/corrections", Json.Options))!);
        await Eventually.Async(() => _fair.Organizer.GetFromJsonAsync<List<ReprintView>>($"/api/attendees/{anna.Id}/reprints", Json.Options)!,
            r => r!.Single().PrintedAt is not null, "the kiosk to confirm the reprint");
        Assert.Equal(2, _printer.JobsPrinted);
        Assert.False(_printer.TryTakeJob(out _));
    }
}
