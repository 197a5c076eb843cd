using System.Text;
using Kiosk.Shared.Printing.EscPos;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using System.Net.Http.Json;

namespace Kiosk.Terminal.Tests;

/// <summary>A terminal printing to a network printer on a real loopback TCP port.</summary>
public sealed class BadgePrintingTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
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
        }).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _printer.DisposeAsync();
    }

    [Fact]
    public async Task The_badge_carries_the_name_in_the_printers_code_page_and_the_token_as_native_QR()
    {
        var token = await _fair.TokenAsync("A-2");
        var answer = await _terminal.ScanAsync(token);
        Assert.Equal(ScanResult.Welcome, answer.Result);
        Assert.Null(answer.Preview); // only the virtual printer draws a picture for the screen

        var job = await _printer.NextJobAsync();
        var latin = Encoding.Latin1.GetString(job);
        Assert.Contains("J\u0081rgen", latin); // ü is 0x81 in PC858
        Assert.Contains("Gro\u00E1", latin);   // ß is 0xE1
        Assert.Contains($"\u001D(k{(char)(token.Length + 3)}\u00001P0{token}", latin); // GS ( k: store the token as QR data
        Assert.True(job.Length <= 2048, $"{job.Length} bytes");
    }

    [Fact]
    public async Task Paper_running_out_and_coming_back_reach_the_server_at_once_not_at_the_next_heartbeat()
    {
        await using var printer = new CapturingPrinter();
        var code = await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Eingang Ost 3");
        await using var kiosk = new TerminalApp(server.BaseAddress, code, new()
        {
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = printer.Port.ToString(),
            ["Terminal:SyncSeconds"] = "600", // the regular heartbeat would come in ten minutes
        }).Start();
        await kiosk.ReadyAsync(attendees: 4);
        Task<string?> PrinterStateAsync() => server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Terminals.Where(t => t.EventId == _fair.Event.Id && t.Name == "Eingang Ost 3").Select(t => t.PrinterState)));
        await Eventually.Async(PrinterStateAsync, s => s == nameof(PrinterState.Ready), "the first heartbeat");

        printer.SetStatus(CapturingPrinter.PaperOut);
        await Eventually.Async(PrinterStateAsync, s => s == nameof(PrinterState.PaperOut), "the server to hear that the paper is out");
        printer.SetStatus(CapturingPrinter.Ready);
        await Eventually.Async(PrinterStateAsync, s => s == nameof(PrinterState.Ready), "the server to hear that the paper is back");
    }

    [Fact]
    public async Task A_badge_scanned_while_the_paper_is_out_prints_once_when_paper_is_back()
    {
        _printer.SetStatus(CapturingPrinter.PaperOut);
        await Eventually.Async(_terminal.StateAsync, s => s.OutOfOrder, "the kiosk to notice the paper is out");

        var answer = await _terminal.ScanAsync(await _fair.TokenAsync("A-3"));
        Assert.Equal(ScanResult.Welcome, answer.Result);
        Assert.Equal(PrintProgress.Queued, answer.Print);
        Assert.Equal(nameof(PrinterState.PaperOut), (await _terminal.StateAsync()).Printer.State);

        _printer.SetStatus(CapturingPrinter.Ready);
        var job = await _printer.NextJobAsync(seconds: 30);
        Assert.Contains("Weiß".Replace("ß", "\u00E1"), Encoding.Latin1.GetString(job));
        await Eventually.Async(_terminal.StateAsync, s => !s.OutOfOrder, "the kiosk to be back in order");
        Assert.Equal(1, _printer.JobsPrinted);
        Assert.False(_printer.TryTakeJob(out _));
    }

    [Fact]
    public async Task A_reprint_ordered_by_staff_prints_once_at_the_chosen_kiosk_and_is_confirmed()
    {
        var terminals = await _fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Terminals.TerminalResponse>>($"/api/events/{_fair.Event.Id}/terminals", Json.Options);
        var anna = await _fair.AttendeeAsync("A-1");

        var ordered = await _fair.Organizer.PostAsJsonAsync($"/api/attendees/{anna.Id}/reprints", new { terminalId = terminals!.Single().Id, reason = "Papierstau" });
        Assert.Equal(System.Net.HttpStatusCode.Created, ordered.StatusCode);

        var job = await _printer.NextJobAsync(seconds: 30);
        Assert.Contains("M\u0081ller", Encoding.Latin1.GetString(job));
        var orders = await Eventually.Async(
            () => _fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Desk.ReprintView>>($"/api/attendees/{anna.Id}/reprints", Json.Options)!,
            o => o!.Single().PrintedAt is not null, "the kiosk to confirm the reprint");
        Assert.Equal("Papierstau", orders!.Single().Reason);
        Assert.Equal(1, _printer.JobsPrinted);
        var audit = await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.AuditLog, a => a.AttendeeId == anna.Id && (a.Action == "badge.reprint-ordered" || a.Action == "badge.reprinted")));
        Assert.Equal(2, audit);
    }
}
