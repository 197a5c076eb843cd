using System.Net;
using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

public sealed class SqlitePresenceTests(KioskApp app) : PresenceTests<KioskApp>(app);

public sealed class PostgresPresenceTests(PostgresKioskApp app) : PresenceTests<PostgresKioskApp>(app);

public sealed class SqlServerPresenceTests(SqlServerKioskApp app) : PresenceTests<SqlServerKioskApp>(app);

/// <summary>Room doors on every engine: counting from the log, capacity under parallel entries, idempotency, late uploads.</summary>
public abstract class PresenceTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    private static string People(int n) =>
        "ID;Vorname;Nachname;Organisation;E-Mail\n" + string.Join('\n', Enumerable.Range(1, n).Select(i => $"P-{i};Jörg{i};Weiß{i};Stadt Essen;p{i}@essen.example"));

    private sealed record Setup(Fair Fair, HttpClient Door, RoomOccupancy Room, RoomOccupancy OtherRoom);

    private async Task<Setup> OpenAsync(int people = 4, int capacity = 3, bool checkedIn = true)
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app, People(people));
        if (checkedIn) await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        var (door, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Tür Masterclass Ruhr");
        return new Setup(fair, door, await fair.RoomAsync("Masterclass Raum Ruhr", capacity), await fair.RoomAsync("Dialoginsel A", 15));
    }

    private static PresenceRequest Scan(int roomId, int? attendeeId, PresenceDirection direction = PresenceDirection.In, DateTimeOffset? at = null) =>
        new(null, attendeeId, attendeeId is null, roomId, direction, Guid.NewGuid(), at ?? DateTimeOffset.UtcNow);

    private static async Task<PresenceResponse> PostAsync(HttpClient client, PresenceRequest request)
    {
        var response = await client.PostAsJsonAsync("/api/presence", request, Json.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PresenceResponse>(Json.Options))!;
    }

    private async Task<int> IdAsync(Fair fair, int n) => (await fair.AttendeeAsync($"P-{n}")).Id;

    [Fact]
    public async Task Entry_and_exit_move_the_count_which_never_goes_below_zero()
    {
        var (fair, door, room, _) = await OpenAsync();
        var joerg = await IdAsync(fair, 1);

        var entry = await PostAsync(door, Scan(room.RoomId, joerg));
        Assert.Equal((PresenceDecision.Admitted, 1), (entry.Decision, entry.Room.Inside));
        Assert.Equal("Jörg1", entry.Attendee!.FirstName);
        var exit = await PostAsync(door, Scan(room.RoomId, joerg, PresenceDirection.Out));
        Assert.Equal((PresenceDecision.Left, 0), (exit.Decision, exit.Room.Inside));
        var again = await PostAsync(door, Scan(room.RoomId, joerg, PresenceDirection.Out));
        Assert.Equal((PresenceDecision.NotInside, 0), (again.Decision, again.Room.Inside));
        Assert.True(exit.Room.Seq > entry.Room.Seq);
    }

    [Fact]
    public async Task Parallel_entries_never_exceed_capacity()
    {
        var (fair, door, room, _) = await OpenAsync(people: 30, capacity: 12);
        var ids = await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id).Select(a => a.Id).ToListAsync());

        var answers = await Task.WhenAll(ids.Select(id => PostAsync(app.WithBearer(door.DefaultRequestHeaders.Authorization!.Parameter!), Scan(room.RoomId, id))));

        Assert.Equal(12, answers.Count(a => a.Decision == PresenceDecision.Admitted));
        Assert.Equal(18, answers.Count(a => a.Decision == PresenceDecision.Full));
        var occupancy = await door.GetFromJsonAsync<List<RoomOccupancy>>($"/api/events/{fair.Event.Id}/occupancy", Json.Options);
        Assert.Equal(12, occupancy!.Single(r => r.RoomId == room.RoomId).Inside);
        Assert.Equal(12, await app.WithDbAsync(db => db.PresenceLog.CountAsync(p => p.RoomId == room.RoomId && p.Counted)));
    }

    [Fact]
    public async Task The_same_client_scan_id_sent_twenty_times_in_parallel_counts_once()
    {
        var (fair, door, room, _) = await OpenAsync();
        var scan = Scan(room.RoomId, await IdAsync(fair, 2));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync(door, scan)));

        Assert.All(answers, a => Assert.Equal(PresenceDecision.Admitted, a.Decision));
        Assert.Equal(1, await app.WithDbAsync(db => db.PresenceLog.CountAsync(p => p.ClientScanId == scan.ClientScanId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Rooms.Where(r => r.Id == room.RoomId).Select(r => r.Inside).SingleAsync()));
    }

    [Fact]
    public async Task One_person_scanned_at_many_doors_at_once_is_inside_one_room_once()
    {
        var (fair, door, room, island) = await OpenAsync(capacity: 40);
        var person = await IdAsync(fair, 3);
        var doors = Enumerable.Range(0, 20).Select(_ => app.WithBearer(door.DefaultRequestHeaders.Authorization!.Parameter!)).ToList();

        // Twenty scans with their own ids at the same moment: ten at the master class doors, ten at the island.
        await Task.WhenAll(doors.Select((d, i) => PostAsync(d, Scan(i % 2 == 0 ? room.RoomId : island.RoomId, person))));

        var inside = await app.WithDbAsync(db => db.Rooms.Where(r => r.Id == room.RoomId || r.Id == island.RoomId).SumAsync(r => r.Inside));
        var counted = await app.WithDbAsync(db => db.PresenceLog.Where(p => p.AttendeeId == person && p.Counted)
            .SumAsync(p => p.Direction == PresenceDirection.In ? 1 : -1));
        Assert.Equal((1, 1), (inside, counted));
    }

    [Fact]
    public async Task Two_people_swapping_rooms_at_the_same_moment_never_fail_and_stay_counted_once()
    {
        var (fair, door, room, island) = await OpenAsync(capacity: 40);
        var (anna, bernd) = (await IdAsync(fair, 1), await IdAsync(fair, 2));
        var other = app.WithBearer(door.DefaultRequestHeaders.Authorization!.Parameter!);
        await PostAsync(door, Scan(room.RoomId, anna));
        await PostAsync(door, Scan(island.RoomId, bernd));

        // Each entering the room the other leaves: two transactions that touch the same two rooms in opposite order.
        for (var i = 0; i < 30; i++)
        {
            var (annaTo, berndTo) = i % 2 == 0 ? (island.RoomId, room.RoomId) : (room.RoomId, island.RoomId);
            await Task.WhenAll(PostAsync(door, Scan(annaTo, anna)), PostAsync(other, Scan(berndTo, bernd)));
        }

        var inside = await app.WithDbAsync(db => db.Rooms.Where(r => r.Id == room.RoomId || r.Id == island.RoomId).OrderBy(r => r.Id).Select(r => r.Inside).ToListAsync());
        Assert.Equal([1, 1], inside);
    }

    [Fact]
    public async Task Entering_another_room_ends_the_presence_in_the_first()
    {
        var (fair, door, room, island) = await OpenAsync();
        var id = await IdAsync(fair, 3);
        await PostAsync(door, Scan(room.RoomId, id));
        var moved = await PostAsync(door, Scan(island.RoomId, id, PresenceDirection.Toggle));

        Assert.Equal((PresenceDecision.Admitted, 1), (moved.Decision, moved.Room.Inside));
        var rooms = await door.GetFromJsonAsync<List<RoomOccupancy>>($"/api/events/{fair.Event.Id}/occupancy", Json.Options);
        Assert.Equal(0, rooms!.Single(r => r.RoomId == room.RoomId).Inside);
        var toggledOut = await PostAsync(door, Scan(island.RoomId, id, PresenceDirection.Toggle));
        Assert.Equal((PresenceDecision.Left, 0), (toggledOut.Decision, toggledOut.Room.Inside));
    }

    [Fact]
    public async Task Live_scans_break_no_rule_and_late_uploads_are_counted_and_flagged()
    {
        var (fair, door, room, _) = await OpenAsync(people: 4, capacity: 1, checkedIn: false);
        var (first, second) = (await IdAsync(fair, 1), await IdAsync(fair, 2));

        Assert.Equal(PresenceDecision.NotCheckedIn, (await PostAsync(door, Scan(room.RoomId, first))).Decision);
        var late = await PostAsync(door, Scan(room.RoomId, first, at: DateTimeOffset.UtcNow.AddMinutes(-20)));
        Assert.Equal((PresenceDecision.Admitted, ScanConflict.NotCheckedIn, 1), (late.Decision, late.Conflict, late.Room.Inside));

        await app.WithDbAsync(db => db.Attendees.Where(a => a.Id == second).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        Assert.Equal(PresenceDecision.Full, (await PostAsync(door, Scan(room.RoomId, second))).Decision);
        var over = await PostAsync(door, Scan(room.RoomId, second, at: DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.Equal((PresenceDecision.Admitted, ScanConflict.OverCapacity, 2), (over.Decision, over.Conflict, over.Room.Inside));
    }

    [Fact]
    public async Task A_late_upload_that_broke_two_rules_names_both_in_the_words_stored_and_sent_before()
    {
        var (fair, door, room, _) = await OpenAsync(people: 2, capacity: 1, checkedIn: false);
        await PostAsync(door, Scan(room.RoomId, null)); // an anonymous counter fills the room
        var request = Scan(room.RoomId, await IdAsync(fair, 1), at: DateTimeOffset.UtcNow.AddMinutes(-10));

        var first = await door.PostAsJsonAsync("/api/presence", request, Json.Options);
        var replay = await door.PostAsJsonAsync("/api/presence", request, Json.Options);

        var conflict = Join(ScanConflict.NotCheckedIn, ScanConflict.OverCapacity);
        Assert.Contains("\"conflict\":\"not checked in, over capacity\"", await first.Content.ReadAsStringAsync());
        Assert.Equal(conflict, (await replay.Content.ReadFromJsonAsync<PresenceResponse>(Json.Options))!.Conflict);
        var stored = await app.WithDbAsync(async db =>
        {
            var id = await db.PresenceLog.Where(p => p.ClientScanId == request.ClientScanId).Select(p => p.Id).SingleAsync();
            return await db.Database.SqlQuery<string>($"SELECT \"Conflict\" AS \"Value\" FROM \"PresenceLog\" WHERE \"Id\" = {id}").ToListAsync();
        });
        Assert.Equal(["not checked in, over capacity"], stored);

        static ScanConflict Join(ScanConflict a, ScanConflict b) => ScanConflict.Join(a, b)!;
    }

    [Fact]
    public async Task Anonymous_counters_add_and_remove_without_going_negative()
    {
        var (_, door, room, _) = await OpenAsync();
        await PostAsync(door, Scan(room.RoomId, null));
        await PostAsync(door, Scan(room.RoomId, null));
        Assert.Equal(1, (await PostAsync(door, Scan(room.RoomId, null, PresenceDirection.Out))).Room.Inside);
        Assert.Equal(0, (await PostAsync(door, Scan(room.RoomId, null, PresenceDirection.Out))).Room.Inside);
        var extra = await PostAsync(door, Scan(room.RoomId, null, PresenceDirection.Out));
        Assert.Equal((PresenceDecision.NotInside, 0), (extra.Decision, extra.Room.Inside));
    }

    [Fact]
    public async Task Badly_formed_scans_and_unknown_rooms_get_problems()
    {
        var (fair, door, room, _) = await OpenAsync();
        var both = Scan(room.RoomId, await IdAsync(fair, 1)) with { Anonymous = true };
        Assert.Equal(HttpStatusCode.BadRequest, (await door.PostAsJsonAsync("/api/presence", both, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await door.PostAsJsonAsync("/api/presence", Scan(room.RoomId, null) with { ClientScanId = Guid.Empty }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await door.PostAsJsonAsync("/api/presence", Scan(room.RoomId + 999, null), Json.Options)).StatusCode);
        var forged = (await fair.TokenAsync("P-1"))[..^2] + "00";
        var answer = await PostAsync(door, new PresenceRequest(forged, null, false, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow));
        Assert.Equal((PresenceDecision.Invalid, 0), (answer.Decision, answer.Room.Inside));
    }
}
