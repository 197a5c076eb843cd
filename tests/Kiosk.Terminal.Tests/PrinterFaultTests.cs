using System.Net.Http.Json;
using System.Text;
using Kiosk.Shared.Printing.EscPos;
using Kiosk.Terminal.Printing;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// A printer that fails in the middle of a badge: the kiosk must not call it printed, must not print it
/// again on its own (part of it may be in the visitor's hand), and staff reprint it exactly once.
/// </summary>
public sealed class PrinterFaultTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private CapturingPrinter _printer = null!;
    private FaultProxy _cable = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        _printer = new CapturingPrinter();
        _cable = new FaultProxy(_printer.Port);
        _terminal = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id), new()
        {
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = _cable.Port.ToString(), ["Printer:TimeoutMs"] = "1000",
        }).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _cable.DisposeAsync();
        await _printer.DisposeAsync();
    }

    private Task<int> CountAsync(PrintJobState state) => _terminal.Services.GetRequiredService<PrintJobs>().CountAsync(state);

    [Fact]
    public async Task Paper_running_out_mid_badge_leaves_the_job_uncertain_and_staff_reprint_it_once()
    {
        _printer.RunOutOfPaperDuringNextJob();
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(await _fair.TokenAsync("A-1"))).Result);
        await Eventually.Async(() => CountAsync(PrintJobState.Uncertain), n => n == 1, "the kiosk to notice the badge did not finish");
        Assert.True((await _terminal.StateAsync()).OutOfOrder);
        Assert.Equal(0, _printer.JobsPrinted);

        _printer.SetStatus(CapturingPrinter.Ready);
        await Eventually.Async(_terminal.StateAsync, s => !s.OutOfOrder, "the kiosk to be back in order");
        Assert.Equal((0, 0, 1), (await CountAsync(PrintJobState.Queued), await CountAsync(PrintJobState.Printed), await CountAsync(PrintJobState.Uncertain)));

        await ReprintAsync("A-1", "Papier leer mitten im Badge");
        Assert.Contains("M\u0081ller", Encoding.Latin1.GetString(await _printer.NextJobAsync(seconds: 30)));
        Assert.Equal(1, _printer.JobsPrinted);
    }

    [Fact]
    public async Task A_printer_cable_pulled_mid_badge_is_not_called_printed_and_not_printed_again_on_its_own()
    {
        _cable.CloseAfterBytes = 100;
        _cable.Mode = Fault.CloseAfterBytes;
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(await _fair.TokenAsync("A-2"))).Result);
        await Eventually.Async(() => CountAsync(PrintJobState.Uncertain), n => n == 1, "the kiosk to notice the badge did not finish");
        Assert.Equal(0, await CountAsync(PrintJobState.Printed));

        _cable.Mode = Fault.Pass;
        await Eventually.Async(_terminal.StateAsync, s => s.Printer.State == nameof(PrinterState.Ready), "the printer to be back");
        Assert.Equal((0, 0), (await CountAsync(PrintJobState.Queued), _printer.JobsPrinted));

        await ReprintAsync("A-2", "Kabel gezogen");
        Assert.Contains("Gro\u00E1", Encoding.Latin1.GetString(await _printer.NextJobAsync(seconds: 30)));
        Assert.Equal(1, _printer.JobsPrinted);
    }

    private async Task ReprintAsync(string externalId, string reason)
    {
        var terminals = await _fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Terminals.TerminalResponse>>($"/api/events/{_fair.Event.Id}/terminals", Json.Options);
        var attendee = await _fair.AttendeeAsync(externalId);
        (await _fair.Organizer.PostAsJsonAsync($"/api/attendees/{attendee.Id}/reprints", new { terminalId = terminals!.Single().Id, reason })).EnsureSuccessStatusCode();
    }
}
