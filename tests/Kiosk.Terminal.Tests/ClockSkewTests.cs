using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// Kiosk PCs whose clocks are two hours off, or are changed while the kiosk runs (the daylight-saving hour
/// set by hand): the server still places their scans at the right time.
/// </summary>
public sealed class ClockSkewTests(KioskApp server) : IClassFixture<KioskApp>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public async Task A_door_whose_clock_is_two_hours_behind_is_still_turned_away_by_a_full_room()
    {
        var fair = await Fair.OpenAsync(server);
        await server.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        var room = await fair.RoomAsync("Dialoginsel Ruhr", 1, RoomKind.DialogueIsland);
        await using var door = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Tür Ruhr"),
            RoomDoorTests.BusyMachine(new() { ["Terminal:Mode"] = "room-entrance", ["Terminal:RoomId"] = room.RoomId.ToString() }),
            clockOffset: -TwoHours).Start();
        await door.ReadyAsync(attendees: 4);

        Assert.Equal(PresenceDecision.Admitted, (await door.ScanAsync(await fair.TokenAsync("A-1"))).Room!.Decision);
        // Without the correction this scan looks two hours old: an offline upload, counted over capacity.
        Assert.Equal(PresenceDecision.Full, (await door.ScanAsync(await fair.TokenAsync("A-2"))).Room!.Decision);

        var logged = await server.WithDbAsync(db => db.PresenceLog.AsNoTracking().Where(p => p.RoomId == room.RoomId).ToListAsync());
        Assert.All(logged, p => Assert.InRange(p.ScannedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.All(logged, p => Assert.Null(p.Conflict));
    }

    [Fact]
    public async Task A_lobby_kiosk_two_hours_behind_records_arrivals_at_the_real_time_even_when_uploaded_late()
    {
        var fair = await Fair.OpenAsync(server);
        await using var proxy = new FaultProxy(server.BaseAddress);
        await using var kiosk = new TerminalApp(proxy.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id), clockOffset: -TwoHours).Start();
        await kiosk.ReadyAsync(attendees: 4);

        proxy.Mode = Fault.Reset;
        var scannedAt = DateTimeOffset.UtcNow;
        Assert.Equal(ScanResult.Welcome, (await kiosk.ScanAsync(await fair.TokenAsync("A-3"))).Result);
        // The first upload has met the cut network; the next try waits for the kiosk's (fake) clock.
        await Eventually.Async(() => Task.FromResult(proxy.Refused), n => n > 0, "the kiosk to try the server");
        Assert.Null(await server.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id && a.ExternalId == "A-3").Select(a => a.CheckedInAt).SingleAsync()));
        // Ten minutes pass on the kiosk's clock before the network is back (its clock stays two hours behind).
        kiosk.Clock.Advance(TimeSpan.FromMinutes(10));
        // An upload that took its send time before the advance may still be on its way to the proxy: let the cut
        // network refuse what is in flight before it comes back (the sender tries one upload at a time).
        var refusedBefore = proxy.Refused;
        await Eventually.Async(() => Task.FromResult(proxy.Refused), n => n >= refusedBefore + 2, "the kiosk to try the cut network again");
        proxy.Mode = Fault.Pass;
        await Eventually.Async(kiosk.StateAsync, s => s.Outbox == 0, "the outbox to drain");

        var arrived = await server.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id && a.ExternalId == "A-3").Select(a => a.CheckedInAt).SingleAsync());
        // Placed ten minutes before it reached the server (the kiosk's own view of the delay), not two hours off.
        Assert.InRange(arrived!.Value, scannedAt.AddMinutes(-11), scannedAt.AddMinutes(-9));
    }

    [Fact]
    public async Task A_kiosk_clock_put_back_an_hour_while_scans_wait_in_the_outbox_still_places_them_at_the_real_time()
    {
        var fair = await Fair.OpenAsync(server);
        await using var proxy = new FaultProxy(server.BaseAddress);
        await using var kiosk = new TerminalApp(proxy.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id)).Start();
        await kiosk.ReadyAsync(attendees: 4);

        proxy.Mode = Fault.Reset;
        var scannedAt = DateTimeOffset.UtcNow;
        var token = await fair.TokenAsync("A-1");
        Assert.Equal(ScanResult.Welcome, (await kiosk.ScanAsync(token)).Result);
        await Eventually.Async(() => Task.FromResult(proxy.Refused), n => n > 0, "the kiosk to try the server");

        // Ten minutes go by; then someone applies the autumn clock change by hand: the PC's clock goes back an hour.
        kiosk.Clock.Advance(TimeSpan.FromMinutes(10));
        kiosk.Clock.SetWallClockBy(TimeSpan.FromHours(-1));
        // The same badge again is a second scan, not a scanner's double read, though the wall clock says it came first.
        Assert.Equal(ScanResult.AlreadyCheckedIn, (await kiosk.ScanAsync(token)).Result);

        proxy.Mode = Fault.Pass;
        await Eventually.Async(kiosk.StateAsync, s => s.Outbox == 0, "the outbox to drain");
        var arrived = await server.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id && a.ExternalId == "A-1").Select(a => a.CheckedInAt).SingleAsync());
        // Ten minutes before it reached the server, as really gone by; the wall clock would have said "just now".
        Assert.InRange(arrived!.Value, scannedAt.AddMinutes(-11), scannedAt.AddMinutes(-9));
    }
}
