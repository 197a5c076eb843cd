using System.Net.Http.Json;
using Kiosk.Server.Reports;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Terminal.Tests;

/// <summary>The server on the night the clocks in Essen go back: 25 October 2026, 03:00 summer time becomes 02:00.</summary>
public sealed class ClockChangeNightServer() : KioskApp(Engine.Sqlite, clock: Clock)
{
    /// <summary>01:00 UTC is the moment of the change; the night starts half an hour before it (02:30 summer time).</summary>
    public static readonly DateTimeOffset Change = new(2026, 10, 25, 1, 0, 0, TimeSpan.Zero);

    public static readonly FakeTimeProvider Clock = new(Change.AddMinutes(-30));
}

/// <summary>
/// A "Lange Nacht der Verwaltung" across the autumn clock change: arrivals at the lobby and a master class
/// door, the door cut off from the server across the change, kiosks and server on the venue's clock. Local
/// times run 02:40, 02:55, then 02:15 again; the server's history must follow real time, not the wall clock.
/// </summary>
public sealed class DaylightSavingDayTests(ClockChangeNightServer server) : IClassFixture<ClockChangeNightServer>
{
    private static readonly DateTimeOffset Change = ClockChangeNightServer.Change;

    [Fact]
    public async Task Arrivals_and_room_traffic_across_the_clock_change_keep_real_time_order_durations_and_end_of_day()
    {
        var venue = ClockChangeNightServer.Clock;
        var fair = await Fair.OpenAsync(server, days: (Change.AddHours(-19), Change.AddHours(16)));
        var room = await fair.RoomAsync("Masterclass Raum Lippe", 10);
        // One hour of real time that starts and ends at 02:30 on the venue's clocks.
        (await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new SessionRequest("Nachtschicht: Digitale Verwaltung", Change.AddMinutes(-30), Change.AddMinutes(30)), Json.Options)).EnsureSuccessStatusCode();

        var offset = venue.GetUtcNow() - DateTimeOffset.UtcNow;
        await using var lobby = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Nacht"), clockOffset: offset).Start();
        await using var proxy = new FaultProxy(server.BaseAddress);
        await using var door = new TerminalApp(proxy.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Tür Lippe"),
            RoomDoorTests.BusyMachine(new() { ["Terminal:Mode"] = "room-toggle", ["Terminal:RoomId"] = room.RoomId.ToString() }), clockOffset: offset).Start();
        await lobby.ReadyAsync(attendees: 4);
        await door.ReadyAsync(attendees: 4);
        void Pass(TimeSpan time) { venue.Advance(time); lobby.Clock.Advance(time); door.Clock.Advance(time); }

        // 02:40 summer time: Anna arrives and goes into the master class.
        Pass(TimeSpan.FromMinutes(10));
        Assert.Equal(ScanResult.Welcome, (await lobby.ScanAsync(await fair.TokenAsync("A-1"))).Result);
        // The walk from the entrance to the room takes longer than the upload: the door's server knows she arrived.
        await Eventually.Async(lobby.StateAsync, s => s.Outbox == 0, "Anna's arrival to reach the server");
        Assert.Equal((PresenceDecision.Admitted, false), Decision(await door.ScanAsync(await fair.TokenAsync("A-1"))));

        // 02:55 summer time: the door loses the network; Jürgen goes in all the same.
        proxy.Mode = Fault.Reset;
        Pass(TimeSpan.FromMinutes(15));
        Assert.Equal((PresenceDecision.Admitted, true), Decision(await door.ScanAsync(await fair.TokenAsync("A-2"))));

        // The clocks go back. 02:15 winter time, twenty minutes later: Anna leaves (still offline), Sören arrives.
        Pass(TimeSpan.FromMinutes(20));
        Assert.True((await door.ScanAsync(await fair.TokenAsync("A-1"))).Room!.Offline);
        Assert.Equal(ScanResult.Welcome, (await lobby.ScanAsync(await fair.TokenAsync("A-3"))).Result);

        proxy.Mode = Fault.Pass;
        await Eventually.Async(door.StateAsync, s => s.Outbox == 0, "the door's outbox to drain");
        await Eventually.Async(lobby.StateAsync, s => s.Outbox == 0, "the lobby's outbox to drain");

        // Arrivals at their real moments, the later one later although its local time reads earlier.
        var arrivals = await server.WithDbAsync(db => db.Attendees.AsNoTracking().Where(a => a.EventId == fair.Event.Id && a.CheckedInAt != null)
            .ToDictionaryAsync(a => a.ExternalId!, a => a.CheckedInAt!.Value));
        AssertAt(Change.AddMinutes(-20), arrivals["A-1"]);
        AssertAt(Change.AddMinutes(15), arrivals["A-3"]);

        // The door's log in real-time order: Anna in, Jürgen in (uploaded after the change), Anna out; never below zero.
        var log = await server.WithDbAsync(db => db.PresenceLog.AsNoTracking().Where(p => p.RoomId == room.RoomId && p.Counted).ToListAsync());
        var ordered = log.OrderBy(p => p.ScannedAt).ToList();
        var names = await server.WithDbAsync(db => db.Attendees.AsNoTracking().Where(a => a.EventId == fair.Event.Id).ToDictionaryAsync(a => a.Id, a => a.ExternalId!));
        Assert.Equal(new[] { ("A-1", PresenceDirection.In), ("A-2", PresenceDirection.In), ("A-1", PresenceDirection.Out) },
            ordered.Select(p => (names[p.AttendeeId!.Value], p.Direction)));
        AssertAt(Change.AddMinutes(-20), ordered[0].ScannedAt);
        AssertAt(Change.AddMinutes(-5), ordered[1].ScannedAt);
        AssertAt(Change.AddMinutes(15), ordered[2].ScannedAt);
        Assert.All(ordered.Select((_, i) => ordered.Take(i + 1).Sum(p => p.Direction == PresenceDirection.In ? 1 : -1)), n => Assert.True(n >= 0));
        Assert.Equal(1, await server.WithDbAsync(db => db.Rooms.Where(r => r.Id == room.RoomId).Select(r => r.Inside).SingleAsync()));

        // Anna was inside 35 minutes and Jürgen 35 until the session ended: real minutes, not wall-clock readings.
        var session = Assert.Single((await fair.Organizer.GetFromJsonAsync<List<SessionSummary>>($"/api/events/{fair.Event.Id}/reports/sessions", Json.Options))!);
        Assert.Equal((2, 2, 35.0), (session.Attendance, session.Peak, session.AverageMinutes));
        // The chart has the repeated hour twice, in order, told apart by the offset.
        var timeline = await fair.Organizer.GetFromJsonAsync<TimelineResponse>($"/api/events/{fair.Event.Id}/reports/timeline", Json.Options);
        var points = timeline!.Rooms.Single(r => r.RoomId == room.RoomId).Points;
        Assert.Equal(new[] { "02:30 +02:00", "02:45 +02:00", "02:00 +01:00", "02:15 +01:00" }, points.Select(p => p.At.ToString("HH:mm zzz")));

        // End of day at 20:00 venue time is 19:00 UTC on this day (not 18:00 as the day before): Jürgen is checked out then.
        var endOfDay = server.Services.GetRequiredService<EndOfDay>();
        var evening = new DateTimeOffset(2026, 10, 25, 19, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await endOfDay.CloseDueRoomsAsync(evening.AddMinutes(-1)));
        Assert.Equal(1, await endOfDay.CloseDueRoomsAsync(evening));
        var checkout = await server.WithDbAsync(db => db.PresenceLog.AsNoTracking().SingleAsync(p => p.RoomId == room.RoomId && p.Decision == PresenceDecision.ClosedForTheDay));
        Assert.Equal(("A-2", evening), (names[checkout.AttendeeId!.Value], checkout.ScannedAt));
        Assert.Equal(0, await server.WithDbAsync(db => db.Rooms.Where(r => r.Id == room.RoomId).Select(r => r.Inside).SingleAsync()));
    }

    private static (PresenceDecision, bool) Decision(ScanAnswer answer) => (answer.Room!.Decision, answer.Room.Offline);

    /// <summary>Kiosk and server clocks start a moment apart (each is set from the real clock once).</summary>
    private static void AssertAt(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.InRange(actual, expected.AddSeconds(-2), expected.AddSeconds(2));
}
