using Kiosk.EndToEnd.Tests.Infrastructure;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.EndToEnd.Tests;

/// <summary>
/// The server's database goes back in time under traffic: a copy is taken while a lobby kiosk checks people in and a
/// door kiosk lets people into a room, traffic goes on (and is confirmed), the server is killed with SIGKILL and the
/// copy is put back (SQLite: the files a power cut leaves; PostgreSQL: a pg_dump restored), then it starts again.
/// </summary>
public sealed class PowerCutTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public Task Every_confirmed_scan_is_back_once_after_a_power_cut_took_the_last_commits() => PowerCut.RunAsync(server);
}

public sealed class PostgresRestoreTests(PostgresServerProcess server) : IClassFixture<PostgresServerProcess>
{
    [Fact]
    public Task Every_confirmed_scan_is_back_once_after_a_restore_from_pg_dump()
    {
        server.RequireEngine();
        return PowerCut.RunAsync(server);
    }
}

internal static class PowerCut
{
    private const int People = 48;

    private static string Roster() =>
        "ID;Vorname;Nachname;Organisation;E-Mail\n" + string.Join('\n', Enumerable.Range(1, People).Select(i => $"P-{i};Jürgen{i};Groß{i};Kreis Recklinghausen;j{i}@kreis-re.example"));

    public static async Task RunAsync(ServerProcess server)
    {
        var fair = await Fair.OpenAsync(server, Roster());
        var room = await fair.RoomAsync("Masterclass Raum Ruhr", 1000);
        var people = new List<(int Id, string Token)>();
        for (var i = 1; i <= People; i++)
        {
            var attendee = await fair.AttendeeAsync($"P-{i}");
            people.Add((attendee.Id, await fair.TokenAsync(attendee.Id)));
        }
        // The lobby checks in the first half; the second half arrived earlier and goes to the master class.
        var (arriving, attending) = (people[..(People / 2)], people[(People / 2)..]);
        var attendingIds = attending.Select(p => p.Id).ToList();
        await server.WithDbAsync(db => db.Attendees.Where(a => attendingIds.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));

        await using var lobbyLink = new FaultProxy(server.BaseAddress);
        await using var doorLink = new FaultProxy(server.BaseAddress);
        await using var lobby = new TerminalProcess(lobbyLink.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Nord"));
        await using var door = new TerminalProcess(doorLink.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Tür Ruhr"),
            new Dictionary<string, string> { ["Terminal__Mode"] = "room-toggle", ["Terminal__RoomId"] = room.RoomId.ToString(), ["Terminal__DoorAskMilliseconds"] = "5000" });
        await Task.WhenAll(lobby.StartAsync(), door.StartAsync());
        await Task.WhenAll(lobby.ReadyAsync(People), door.ReadyAsync(People));

        var checkedIn = new List<int>();
        var entered = new List<int>();
        var left = new List<int>();
        async Task ScanAsync(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var arrival = await lobby.ScanAsync(arriving[i].Token);
                Assert.Equal(ScanResult.Welcome, arrival.Result);
                checkedIn.Add(arriving[i].Id);
                var entry = await door.ScanAsync(attending[i].Token);
                Assert.Equal((ScanResult.Welcome, PresenceDecision.Admitted), (entry.Result, entry.Room!.Decision));
                entered.Add(attending[i].Id);
            }
        }

        // Before the copy: stored and answered.
        await ScanAsync(0, 8);
        await Task.WhenAll(lobby.DrainedAsync(), door.DrainedAsync());
        var copy = await server.BackUpAsync();
        // After the copy: confirmed at the kiosks and stored, then lost with the database.
        await ScanAsync(8, 16);
        await Task.WhenAll(lobby.DrainedAsync(), door.DrainedAsync());
        server.KillHard();
        await server.RestoreAsync(copy);
        await server.StartAsync();

        // New traffic on the restored database, before and while the kiosks notice: people from before the copy leave.
        await ScanAsync(16, 24);
        for (var i = 0; i < 4; i++)
        {
            var exit = await door.ScanAsync(attending[i].Token);
            Assert.Equal((ScanResult.Welcome, PresenceDecision.Left), (exit.Result, exit.Room!.Decision));
            left.Add(attending[i].Id);
        }

        await Eventually.Async(() => server.WithDbAsync(db => db.CheckIns.AsNoTracking().Where(c => c.EventId == fair.Event.Id).Select(c => c.AttendeeId).ToListAsync()),
            stored => stored.Order().SequenceEqual(checkedIn.Order()), "every confirmed check-in stored once", seconds: 60);
        var log = await Eventually.Async(() => server.WithDbAsync(db => db.PresenceLog.AsNoTracking().Where(p => p.RoomId == room.RoomId && p.Counted).ToListAsync()),
            scans => scans.Count(p => p.Direction == PresenceDirection.In) == entered.Count && scans.Count(p => p.Direction == PresenceDirection.Out) == left.Count,
            "every confirmed door scan stored once", seconds: 60);
        await Task.WhenAll(lobby.DrainedAsync(), door.DrainedAsync());

        log = await server.WithDbAsync(db => db.PresenceLog.AsNoTracking().Where(p => p.RoomId == room.RoomId && p.Counted).ToListAsync());
        Assert.Equal(entered.Order(), log.Where(p => p.Direction == PresenceDirection.In).Select(p => p.AttendeeId!.Value).Order());
        Assert.Equal(left.Order(), log.Where(p => p.Direction == PresenceDirection.Out).Select(p => p.AttendeeId!.Value).Order());
        Assert.Equal(checkedIn.Order(), await server.WithDbAsync(db => db.CheckIns.AsNoTracking().Where(c => c.EventId == fair.Event.Id).Select(c => c.AttendeeId).ToListAsync()).ContinueWith(t => t.Result.Order()));
        Assert.Equal(People, await server.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == fair.Event.Id && a.CheckedInAt != null)));
        Assert.Equal(entered.Count - left.Count, await server.WithDbAsync(db => db.Rooms.Where(r => r.Id == room.RoomId).Select(r => r.Inside).SingleAsync()));
    }
}
