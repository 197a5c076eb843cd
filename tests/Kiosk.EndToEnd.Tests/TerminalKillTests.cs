using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.EndToEnd.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.EndToEnd.Tests;

/// <summary>The terminal process killed with SIGKILL between scans, while its outbox is full or being sent.</summary>
public sealed class TerminalKillTests(KioskApp server) : IClassFixture<KioskApp>
{
    private static string Roster(int people) =>
        "ID;Vorname;Nachname;Organisation;E-Mail\n" + string.Join('\n', Enumerable.Range(1, people).Select(i => $"K-{i};Käthe{i};Müller{i};Stadt Essen;k{i}@essen.example"));

    [Fact]
    public async Task Every_scan_confirmed_on_screen_reaches_the_server_exactly_once_across_hard_kills()
    {
        const int people = 24;
        var fair = await Fair.OpenAsync(server, Roster(people));
        await using var proxy = new FaultProxy(server.BaseAddress);
        await using var terminal = new TerminalProcess(proxy.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id));
        await terminal.StartAsync();
        await terminal.ReadyAsync(people);

        var confirmed = new List<int>();
        var random = new Random(7);
        for (var i = 1; i <= people; i++)
        {
            // Now and then the network is gone, so scans pile up in the outbox before the kill.
            if (i % 8 == 1) proxy.Mode = Fault.Reset;
            if (i % 8 == 5) proxy.Mode = Fault.Pass;
            var attendee = await fair.AttendeeAsync($"K-{i}");
            var answer = await terminal.ScanAsync(await fair.TokenAsync(attendee.Id));
            if (answer.Result == ScanResult.Welcome) confirmed.Add(attendee.Id);
            if (random.Next(4) == 0)
            {
                terminal.KillHard();
                await terminal.StartAsync();
            }
        }
        proxy.Mode = Fault.Pass;
        Assert.Equal(people, confirmed.Count);
        await terminal.DrainedAsync();

        var stored = await server.WithDbAsync(db => db.CheckIns.Where(c => c.EventId == fair.Event.Id).ToListAsync());
        Assert.Equal(confirmed.Order(), stored.Select(c => c.AttendeeId).Order());
        Assert.All(stored, c => Assert.Equal(CheckInOutcome.FirstCheckIn, c.Outcome));
    }
}
