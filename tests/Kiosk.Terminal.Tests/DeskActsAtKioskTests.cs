using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Terminal.Tests;

/// <summary>Help-desk acts reaching a kiosk by its roster copy: a reissued badge (the old one refused offline) and an undone check-in.</summary>
public sealed class DeskActsAtKioskTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private FaultProxy _proxy = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        _proxy = new FaultProxy(server.BaseAddress);
        _terminal = new TerminalApp(_proxy.Address, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id)).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task After_a_reissue_and_the_roster_sync_the_old_badge_is_refused_offline_and_the_new_one_welcomed()
    {
        var anna = await _fair.AttendeeAsync("A-1");
        var oldToken = await _fair.TokenAsync(anna.Id);
        var staff = await server.UserAsync(_fair.Organizer, "Staff");

        var reissue = await staff.PostAsJsonAsync($"/api/attendees/{anna.Id}/badge/reissue", new { reason = "Badge verloren" });
        Assert.True(reissue.IsSuccessStatusCode, await reissue.Content.ReadAsStringAsync());
        var roster = _terminal.Services.GetRequiredService<Roster>();
        await Eventually.Async(() => roster.FindAsync(anna.Id), p => p?.BadgeVersion == 2, "the reissued badge in the kiosk's roster copy");
        var newToken = await _fair.TokenAsync(anna.Id);
        _proxy.Mode = Fault.Reset;

        var old = await _terminal.ScanAsync(oldToken);
        Assert.Equal(ScanResult.Revoked, old.Result);
        Assert.Equal(PrintProgress.None, old.Print);
        var fresh = await _terminal.ScanAsync(newToken);
        Assert.Equal(ScanResult.Welcome, fresh.Result);
        Assert.Equal("Dr. Anna Müller", fresh.Name);
        Assert.Equal(1, await _terminal.PrintJobCountAsync());
    }

    [Fact]
    public async Task A_check_in_undone_at_the_help_desk_is_undone_at_the_kiosk_and_the_next_scan_welcomes_and_prints_again()
    {
        var juergen = await _fair.AttendeeAsync("A-2");
        var token = await _fair.TokenAsync(juergen.Id);
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(token)).Result);
        await Eventually.Async(_terminal.StateAsync, s => s.Outbox == 0, "the check-in to reach the server");
        var staff = await server.UserAsync(_fair.Organizer, "Staff");

        var undo = await staff.PostAsJsonAsync($"/api/attendees/{juergen.Id}/checkin/undo", new { reason = "falsche Person" });
        Assert.True(undo.IsSuccessStatusCode, await undo.Content.ReadAsStringAsync());
        var roster = _terminal.Services.GetRequiredService<Roster>();
        await Eventually.Async(() => roster.FindAsync(juergen.Id), p => p is { CheckedInAt: null }, "the undo in the kiosk's roster copy");
        _terminal.Clock.Advance(DuplicateReads.Window + TimeSpan.FromSeconds(1));

        var again = await _terminal.ScanAsync(token);
        Assert.Equal(ScanResult.Welcome, again.Result);
        Assert.Equal(2, await _terminal.PrintJobCountAsync());
        await Eventually.Async(_terminal.StateAsync, s => s.Outbox == 0, "the second check-in to reach the server");
        var outcomes = await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.CheckIns.Where(c => c.AttendeeId == juergen.Id).OrderBy(c => c.Id).Select(c => c.Outcome)));
        Assert.Equal([CheckInOutcome.FirstCheckIn, CheckInOutcome.FirstCheckIn], outcomes);
    }
}
