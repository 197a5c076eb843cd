using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Desk;
using Kiosk.Shared.Printing.EscPos;
using Kiosk.Terminal.Printing;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// A print batch at a kiosk with a real TCP printer whose roll ends in the middle of the batch: the batch pauses,
/// survives a restart of the kiosk, and resumes at the next unprinted badge once paper is back — every badge once,
/// in order, none skipped, each confirmed to the server.
/// </summary>
public sealed class PrintBatchPrintingTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private CapturingPrinter _printer = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        _printer = new CapturingPrinter();
        _terminal = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id), new()
        {
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = _printer.Port.ToString(), ["Printer:TimeoutMs"] = "1000",
        }).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _printer.DisposeAsync();
    }

    private Task<int> CountAsync(PrintJobState state) => _terminal.Services.GetRequiredService<PrintJobs>().CountAsync(state);

    [Fact]
    public async Task Paper_out_pauses_the_batch_and_after_a_restart_it_resumes_at_the_next_badge_printing_each_once_in_order()
    {
        var attendees = new List<Kiosk.Server.Attendees.Attendee>();
        foreach (var id in new[] { "A-1", "A-2", "A-3", "A-4" }) attendees.Add(await _fair.AttendeeAsync(id));
        var terminals = await _fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Terminals.TerminalResponse>>($"/api/events/{_fair.Event.Id}/terminals", Json.Options);
        _printer.RunOutOfPaperAfterJobs(2);

        var created = await _fair.Organizer.PostAsJsonAsync($"/api/events/{_fair.Event.Id}/print-batches",
            new PrintBatchRequest(terminals!.Single().Id, AttendeeIds: [.. attendees.Select(a => a.Id)]), Json.Options);
        created.EnsureSuccessStatusCode();
        var batch = (await created.Content.ReadFromJsonAsync<PrintBatchView>(Json.Options))!;
        // Each badge carries its last name as the printer's code page writes it.
        var expected = batch.Items.Select(i => Encoding.Latin1.GetString(Pc858.Encode(attendees.Single(a => a.Id == i.AttendeeId).LastName))).ToList();

        var printed = new List<string> { await NextJobAsync(), await NextJobAsync() };
        await Eventually.Async(_terminal.StateAsync, s => s.Printer.State == nameof(PrinterState.PaperOut), "the kiosk to see the paper is out");
        Assert.Equal((2, 2, 0), (await CountAsync(PrintJobState.Printed), await CountAsync(PrintJobState.Queued), await CountAsync(PrintJobState.Uncertain)));
        await Eventually.Async(ProgressAsync, p => p.Printed == 2, "the two printed badges confirmed to the server");

        await _terminal.RestartAsync();
        await Eventually.Async(_terminal.StateAsync, s => s.Printer.State == nameof(PrinterState.PaperOut), "the restarted kiosk to see the paper is out");
        Assert.Equal(2, _printer.JobsPrinted);

        _printer.SetStatus(CapturingPrinter.Ready);
        printed.Add(await NextJobAsync());
        printed.Add(await NextJobAsync());
        await Eventually.Async(ProgressAsync, p => p.Printed == 4, "every badge of the batch confirmed");

        for (var i = 0; i < 4; i++) Assert.Contains(expected[i], printed[i]);
        Assert.Equal(4, _printer.JobsPrinted);
        Assert.Equal((4, 0), (await CountAsync(PrintJobState.Printed), await CountAsync(PrintJobState.Queued)));
        Assert.DoesNotContain((await _fair.Organizer.GetFromJsonAsync<List<ReprintView>>($"/api/attendees/{attendees[0].Id}/reprints", Json.Options))!,
            r => r.PrintedAt is null);
    }

    [Fact]
    public async Task A_print_station_prints_its_batch_but_checks_nobody_in()
    {
        await using var printer = new CapturingPrinter();
        await using var station = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Druckstation"), new()
        {
            ["Terminal:Mode"] = "print-station",
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = printer.Port.ToString(), ["Printer:TimeoutMs"] = "1000",
        }).Start();
        await station.ReadyAsync(attendees: 4);
        Assert.Equal("print-station", (await station.StateAsync()).Mode);

        var scan = await station.Local.PostAsJsonAsync("/local/scan", new { text = await _fair.TokenAsync("A-1"), language = "de" });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, scan.StatusCode);
        Assert.Contains("/problems/print-station", await scan.Content.ReadAsStringAsync());
        Assert.Null((await _fair.AttendeeAsync("A-1")).CheckedInAt);

        var terminals = await _fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Terminals.TerminalResponse>>($"/api/events/{_fair.Event.Id}/terminals", Json.Options);
        var press = await _fair.AttendeeAsync("A-4");
        (await _fair.Organizer.PostAsJsonAsync($"/api/events/{_fair.Event.Id}/print-batches",
            new PrintBatchRequest(terminals!.Single(t => t.Name == "Druckstation").Id, Category: Kiosk.Shared.Badges.AttendeeCategory.Press), Json.Options)).EnsureSuccessStatusCode();
        Assert.Contains(Encoding.Latin1.GetString(Pc858.Encode(press.LastName)), Encoding.Latin1.GetString(await printer.NextJobAsync(seconds: 30)));
        Assert.Equal(1, await station.PrintJobCountAsync());
    }

    [Fact]
    public async Task A_badge_printed_in_advance_is_not_printed_again_at_check_in_and_the_visitor_is_sent_to_the_counter()
    {
        var anna = await _fair.AttendeeAsync("A-1");
        var terminals = await _fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Terminals.TerminalResponse>>($"/api/events/{_fair.Event.Id}/terminals", Json.Options);
        (await _fair.Organizer.PostAsJsonAsync($"/api/events/{_fair.Event.Id}/print-batches",
            new PrintBatchRequest(terminals!.Single().Id, AttendeeIds: [anna.Id]), Json.Options)).EnsureSuccessStatusCode();
        Assert.Contains(Encoding.Latin1.GetString(Pc858.Encode(anna.LastName)), await NextJobAsync());
        var roster = _terminal.Services.GetRequiredService<Kiosk.Terminal.Offline.Roster>();
        await Eventually.Async(() => roster.FindAsync(anna.Id), p => p?.BadgeAtCounter == true, "the kiosk's roster to mark the badge as waiting at the counter");

        var scan = await _terminal.Local.PostAsJsonAsync("/local/scan", new { text = await _fair.TokenAsync("A-1"), language = "de" });
        scan.EnsureSuccessStatusCode();
        var answer = await scan.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(("Welcome", "AtCounter"), (answer.GetProperty("result").GetString(), answer.GetProperty("print").GetString()));
        Assert.Equal(1, await _terminal.PrintJobCountAsync());
        // The arrival counts at once, on the server too.
        await Eventually.Async(() => _fair.AttendeeAsync("A-1"), a => a.CheckedInAt is not null, "the check-in to reach the server");
        Assert.Equal(1, _printer.JobsPrinted);
    }

    private async Task<string> NextJobAsync() => Encoding.Latin1.GetString(await _printer.NextJobAsync(seconds: 30));

    private async Task<PrintBatchView> ProgressAsync()
    {
        var batches = await _fair.Organizer.GetFromJsonAsync<List<PrintBatchView>>($"/api/events/{_fair.Event.Id}/print-batches", Json.Options);
        return batches!.Single();
    }
}
