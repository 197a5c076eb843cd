using Kiosk.EndToEnd.Tests.Infrastructure;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.EndToEnd.Tests;

/// <summary>The server process killed with SIGKILL while two kiosks scan, then started again on the same database.</summary>
public sealed class ServerKillTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private static string Roster(int people) =>
        "ID;Vorname;Nachname;Organisation;E-Mail\n" + string.Join('\n', Enumerable.Range(1, people).Select(i => $"S-{i};Jürgen{i};Groß{i};Kreis Recklinghausen;j{i}@kreis-re.example"));

    [Fact]
    public async Task Every_scan_confirmed_at_either_kiosk_is_stored_once_after_the_server_died_mid_traffic()
    {
        const int people = 40;
        var fair = await Fair.OpenAsync(server, Roster(people));
        await using var northLink = new FaultProxy(server.BaseAddress);
        await using var southLink = new FaultProxy(server.BaseAddress);
        await using var north = new TerminalProcess(northLink.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Nord"));
        await using var south = new TerminalProcess(southLink.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Süd"));
        await Task.WhenAll(north.StartAsync(), south.StartAsync());
        await Task.WhenAll(north.ReadyAsync(people), south.ReadyAsync(people));
        var tokens = new List<(int Id, string Token)>();
        for (var i = 1; i <= people; i++)
        {
            var attendee = await fair.AttendeeAsync($"S-{i}");
            tokens.Add((attendee.Id, await fair.TokenAsync(attendee.Id)));
        }

        var confirmed = new List<int>();
        for (var i = 0; i < people; i++)
        {
            if (i == 12) server.KillHard();      // uploads of the scans before are in flight
            if (i == 28) await server.StartAsync();
            var kiosk = i % 2 == 0 ? north : south;
            var answer = await kiosk.ScanAsync(tokens[i].Token);
            Assert.Equal(ScanResult.Welcome, answer.Result);
            confirmed.Add(tokens[i].Id);
        }
        await Task.WhenAll(north.DrainedAsync(), south.DrainedAsync());

        var stored = await server.WithDbAsync(db => db.CheckIns.AsNoTracking().Where(c => c.EventId == fair.Event.Id).ToListAsync());
        Assert.Equal(confirmed.Order(), stored.Select(c => c.AttendeeId).Order());
        Assert.All(stored, c => Assert.Equal(CheckInOutcome.FirstCheckIn, c.Outcome));
        Assert.Equal(people, await server.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == fair.Event.Id && a.CheckedInAt != null)));
    }
}
