using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Desk;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Terminal.Ui;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Terminal.Tests;

/// <summary>An event that allows self-service reprints: one more print, at the same kiosk, within five minutes.</summary>
public sealed class SelfReprintTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private CapturingPrinter _printer = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        (await _fair.Organizer.PatchAsJsonAsync($"/api/events/{_fair.Event.Id}/settings", new { selfServiceReprint = true })).EnsureSuccessStatusCode();
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
    public async Task A_visitor_whose_badge_jammed_prints_it_once_more_and_the_server_records_it()
    {
        var token = await _fair.TokenAsync("A-2");
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(token)).Result);
        await _printer.NextJobAsync();

        _terminal.Clock.Advance(TimeSpan.FromSeconds(30)); // past the duplicate-read window
        var again = await _terminal.ScanAsync(token);
        Assert.Equal(ScanResult.AlreadyCheckedIn, again.Result);
        Assert.NotNull(again.ReprintRef);

        var reprinted = await _terminal.Local.PostAsJsonAsync("/local/reprint", new SelfReprintRequest(again.ReprintRef, "de"));
        Assert.Equal(HttpStatusCode.OK, reprinted.StatusCode);
        Assert.Equal(ScanResult.Welcome, (await reprinted.Content.ReadFromJsonAsync<ScanAnswer>(Json.Options))!.Result);
        Assert.Contains("J\u0081rgen", Encoding.Latin1.GetString(await _printer.NextJobAsync()));

        // The offer is used up: the same reference, and a new scan, give no second reprint.
        Assert.Equal(HttpStatusCode.Gone, (await _terminal.Local.PostAsJsonAsync("/local/reprint", new SelfReprintRequest(again.ReprintRef, "de"))).StatusCode);
        _terminal.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null((await _terminal.ScanAsync(token)).ReprintRef);
        Assert.Equal(2, _printer.JobsPrinted);

        var jürgen = await _fair.AttendeeAsync("A-2");
        var recorded = await Eventually.Async(
            () => _fair.Organizer.GetFromJsonAsync<List<ReprintView>>($"/api/attendees/{jürgen.Id}/reprints", Json.Options)!,
            r => r!.Count == 1, "the kiosk to report the reprint");
        Assert.NotNull(recorded!.Single().PrintedAt);
        Assert.Equal(1, await server.WithDbAsync(db => db.AuditLog.CountAsync(a => a.AttendeeId == jürgen.Id && a.Action == "badge.self-reprinted")));
    }

    [Fact]
    public async Task No_reprint_is_offered_five_minutes_after_the_first_print()
    {
        var token = await _fair.TokenAsync("A-3");
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(token)).Result);
        await _printer.NextJobAsync();

        _terminal.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await _terminal.ScanAsync(token);
        Assert.Equal(ScanResult.AlreadyCheckedIn, late.Result);
        Assert.Null(late.ReprintRef);
    }

    [Theory]
    [InlineData(-60)] // the PC's clock put back an hour (daylight saving applied by hand) right after the print
    [InlineData(60)]  // or forward an hour
    public async Task The_five_minutes_are_real_minutes_whatever_happens_to_the_PC_clock(int minutesSet)
    {
        var token = await _fair.TokenAsync("A-4");
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(token)).Result);
        await _printer.NextJobAsync();

        _terminal.Clock.SetWallClockBy(TimeSpan.FromMinutes(minutesSet));
        _terminal.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull((await _terminal.ScanAsync(token)).ReprintRef);

        _terminal.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Null((await _terminal.ScanAsync(token)).ReprintRef);
    }
}
