using System.Net.Http.Json;
using Kiosk.EndToEnd.Tests.Infrastructure;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.EndToEnd.Tests;

/// <summary>The venue network gone for a while (no resets, packets just vanish), both kiosks admitting people offline, then back.</summary>
public sealed class PartitionTests(KioskApp server) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task Offline_admissions_at_two_kiosks_reach_the_server_once_each_and_the_second_badge_is_flagged()
    {
        var fair = await Fair.OpenAsync(server);
        await using var northLink = new FaultProxy(server.BaseAddress);
        await using var southLink = new FaultProxy(server.BaseAddress);
        await using var north = new TerminalProcess(northLink.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Nord"));
        await using var south = new TerminalProcess(southLink.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Süd"));
        await Task.WhenAll(north.StartAsync(), south.StartAsync());
        await Task.WhenAll(north.ReadyAsync(4), south.ReadyAsync(4));

        northLink.Mode = Fault.Blackhole;
        southLink.Mode = Fault.Blackhole;
        var anna = await fair.AttendeeAsync("A-1");
        var annaToken = await fair.TokenAsync(anna.Id);
        // The same badge at both kiosks: neither can know of the other.
        Assert.Equal(ScanResult.Welcome, (await north.ScanAsync(annaToken)).Result);
        Assert.Equal(ScanResult.Welcome, (await south.ScanAsync(annaToken)).Result);
        Assert.Equal(ScanResult.Welcome, (await north.ScanAsync(await fair.TokenAsync("A-2"))).Result);
        Assert.Equal(ScanResult.Welcome, (await south.ScanAsync(await fair.TokenAsync("A-3"))).Result);
        await Eventually.Async(north.StateAsync, s => !s.Online && s.Outbox == 2, "the north kiosk to notice it is offline");
        Assert.Equal(0, await server.WithDbAsync(db => db.CheckIns.CountAsync(c => c.EventId == fair.Event.Id)));

        northLink.Mode = Fault.Pass;
        southLink.Mode = Fault.Pass;
        await Task.WhenAll(north.DrainedAsync(), south.DrainedAsync());

        var stored = await server.WithDbAsync(db => db.CheckIns.AsNoTracking().Where(c => c.EventId == fair.Event.Id).ToListAsync());
        Assert.Equal(4, stored.Count);
        var annas = stored.Where(c => c.AttendeeId == anna.Id).OrderBy(c => c.ReceivedAt).ToList();
        Assert.Equal([CheckInOutcome.FirstCheckIn, CheckInOutcome.AlreadyCheckedIn], annas.Select(c => c.Outcome));
        Assert.NotEqual(annas[0].TerminalId, annas[1].TerminalId);
        // Two badges now exist for Anna: the later upload is flagged for the desk, and the dashboard counts it.
        Assert.Equal([null, ScanConflict.PrintedTwice], annas.Select(c => c.Conflict));
        var dashboard = await fair.Organizer.GetFromJsonAsync<Kiosk.Server.Dashboard.DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options);
        Assert.Equal(1, dashboard!.Conflicts);
        Assert.Equal(3, await server.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == fair.Event.Id && a.CheckedInAt != null)));
    }
}
