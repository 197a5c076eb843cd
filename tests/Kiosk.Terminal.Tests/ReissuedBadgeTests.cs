using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Terminal.Tests;

/// <summary>A badge reissued at the help desk: once the kiosk has synced, the old badge is refused even without the network.</summary>
public sealed class ReissuedBadgeTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private SwitchableProxy _proxy = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        _proxy = new SwitchableProxy(server.BaseAddress);
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
        _proxy.Cut();

        var old = await _terminal.ScanAsync(oldToken);
        Assert.Equal(ScanResult.Revoked, old.Result);
        Assert.Equal(PrintProgress.None, old.Print);
        var fresh = await _terminal.ScanAsync(newToken);
        Assert.Equal(ScanResult.Welcome, fresh.Result);
        Assert.Equal("Dr. Anna Müller", fresh.Name);
        Assert.Equal(1, await _terminal.PrintJobCountAsync());
    }
}
