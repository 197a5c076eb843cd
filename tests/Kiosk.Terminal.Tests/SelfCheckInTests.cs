using System.Net;
using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Terminal.Tests;

/// <summary>A real server, a real terminal host between them a proxy the test can cut, all on loopback.</summary>
public sealed class SelfCheckInTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private FaultProxy _proxy = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        _proxy = new FaultProxy(server.BaseAddress);
        var code = await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id);
        _terminal = new TerminalApp(_proxy.Address, code).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task Scanned_badge_is_welcomed_by_name_and_the_check_in_reaches_the_server()
    {
        var anna = await _fair.AttendeeAsync("A-1");
        var answer = await _terminal.ScanAsync(await _fair.TokenAsync(anna.Id));

        Assert.Equal(ScanResult.Welcome, answer.Result);
        Assert.Equal("Dr. Anna Müller", answer.Name);
        Assert.Equal(PrintProgress.Printing, answer.Print);
        var stored = await Eventually.Async(() => server.WithDbAsync(db => db.CheckIns.Where(c => c.AttendeeId == anna.Id).ToListAsync()),
            rows => rows.Count > 0, "the check-in on the server");
        Assert.Equal(CheckInOutcome.FirstCheckIn, Assert.Single(stored).Outcome);
    }

    [Fact]
    public async Task Second_scan_of_the_same_badge_does_not_print_again_and_a_quick_double_read_is_ignored()
    {
        var token = await _fair.TokenAsync("A-2");
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(token)).Result);
        Assert.Equal(ScanResult.Ignored, (await _terminal.ScanAsync(token)).Result);

        _terminal.Clock.Advance(DuplicateReads.Window + TimeSpan.FromSeconds(1));
        var again = await _terminal.ScanAsync(token);

        Assert.Equal(ScanResult.AlreadyCheckedIn, again.Result);
        Assert.Equal(PrintProgress.None, again.Print);
        Assert.NotNull(again.CheckedInAt);
        Assert.Equal(1, await _terminal.PrintJobCountAsync());
    }

    [Fact]
    public async Task Without_the_network_the_visitor_is_welcomed_at_once_and_the_scan_is_sent_once_later()
    {
        var soeren = await _fair.AttendeeAsync("A-3");
        var token = await _fair.TokenAsync(soeren.Id);
        _proxy.Mode = Fault.Reset;

        var answer = await _terminal.ScanAsync(token);
        Assert.Equal(ScanResult.Welcome, answer.Result);
        Assert.Equal(1, (await _terminal.StateAsync()).Outbox);
        Assert.Equal(0, await server.WithDbAsync(db => db.CheckIns.CountAsync(c => c.AttendeeId == soeren.Id)));

        _proxy.Mode = Fault.Pass;
        await Eventually.Async(_terminal.StateAsync, s => s.Outbox == 0, "the outbox to drain");
        var stored = await server.WithDbAsync(db => db.CheckIns.Where(c => c.AttendeeId == soeren.Id).ToListAsync());
        Assert.Equal(CheckInOutcome.FirstCheckIn, Assert.Single(stored).Outcome);
    }

    [Fact]
    public async Task Forged_foreign_and_garbage_codes_are_refused_without_a_print()
    {
        var token = await _fair.TokenAsync("A-4");
        var forged = token[..^3] + (token[^3] == '0' ? "1" : "0") + token[^2..];
        Assert.Equal(ScanResult.Invalid, (await _terminal.ScanAsync(forged)).Result);
        Assert.Equal(ScanResult.Invalid, (await _terminal.ScanAsync("https://example.org/not-a-badge")).Result);
        Assert.Equal(HttpStatusCode.BadRequest, (await _terminal.Local.PostAsJsonAsync("/local/scan", new { text = "" })).StatusCode);
        Assert.Equal(0, await _terminal.PrintJobCountAsync());
    }

    [Fact]
    public async Task Name_search_shows_initials_and_asks_the_second_factor_before_printing()
    {
        var search = await _terminal.Local.GetFromJsonAsync<Ui.SearchView>("/local/search?q=zoe+ozturk", Json.Options);
        var match = Assert.Single(search!.Matches);
        Assert.Equal("Zoë Ö.", match.Name);

        var wrong = await _terminal.Local.PostAsJsonAsync("/local/identify", new { @ref = match.Ref, answer = "someone@else.example" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("\"attemptsLeft\":2", await wrong.Content.ReadAsStringAsync());

        var right = await _terminal.Local.PostAsJsonAsync("/local/identify", new { @ref = match.Ref, answer = "ZOE@waz.example" });
        var answer = await right.Content.ReadFromJsonAsync<ScanAnswer>(Json.Options);
        Assert.Equal(ScanResult.Welcome, answer!.Result);
        Assert.Equal("Zoë Öztürk", answer.Name);
        Assert.Equal(HttpStatusCode.BadRequest, (await _terminal.Local.GetAsync("/local/search?q=zo")).StatusCode);
    }

    [Fact]
    public async Task The_virtual_printer_shows_the_printed_badge_as_a_picture()
    {
        var answer = await _terminal.ScanAsync(await _fair.TokenAsync("A-1"));
        Assert.NotNull(answer.Preview);
        var svg = await _terminal.Local.GetStringAsync(answer.Preview);
        Assert.Contains("Müller", svg);
        Assert.Contains("BESUCHER", svg);
        Assert.True(File.Exists(Path.Combine(_terminal.DataDirectory, "prints", answer.Preview.Split('/')[^1].Replace(".svg", ".bin"))));
    }

    [Fact]
    public async Task An_organizer_turns_the_kiosk_into_a_room_door_where_badges_are_checked_but_never_printed()
    {
        var terminals = await _fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Terminals.TerminalResponse>>($"/api/events/{_fair.Event.Id}/terminals", Json.Options);
        var id = terminals!.Single().Id;
        Assert.Equal(HttpStatusCode.BadRequest, (await _fair.Organizer.PutAsJsonAsync($"/api/terminals/{id}/mode", new { mode = "ballroom" })).StatusCode);
        (await _fair.Organizer.PutAsJsonAsync($"/api/terminals/{id}/mode", new { mode = "room-entrance" })).EnsureSuccessStatusCode();

        await Eventually.Async(_terminal.StateAsync, s => s.Mode == "room-entrance", "the pushed mode");
        var answer = await _terminal.ScanAsync(await _fair.TokenAsync("A-1"));
        Assert.Equal(ScanResult.OutOfOrder, answer.Result); // a door without Terminal:RoomId cannot count
        Assert.Equal(PrintProgress.None, answer.Print);
        Assert.Equal(0, await _terminal.PrintJobCountAsync());

        (await _fair.Organizer.PutAsJsonAsync($"/api/terminals/{id}/mode", new { mode = (string?)null })).EnsureSuccessStatusCode();
        await Eventually.Async(_terminal.StateAsync, s => s.Mode == "lobby", "the configured mode again");
    }
}
