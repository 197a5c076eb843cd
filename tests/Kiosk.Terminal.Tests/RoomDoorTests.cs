using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Terminal.Tests;

/// <summary>A kiosk at a master class door: the server counts when reachable, the outbox when not.</summary>
public sealed class RoomDoorTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private FaultProxy _proxy = null!;
    private TerminalApp _door = null!;
    private RoomOccupancy _room = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        await server.WithDbAsync(db => db.Attendees.Where(a => a.EventId == _fair.Event.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        _room = await _fair.RoomAsync("Masterclass Raum Lippe", 2);
        _proxy = new FaultProxy(server.BaseAddress);
        _door = new TerminalApp(_proxy.Address, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Tür Lippe"),
            BusyMachine(new() { ["Terminal:Mode"] = "room-toggle", ["Terminal:RoomId"] = _room.RoomId.ToString() }))
            .Start();
        await _door.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _door.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    /// <summary>
    /// These tests are about the answer, not its speed: a busy test machine must not turn an online answer into
    /// an offline one, so neither the door's budget nor the HTTP timeout to the server cuts the ask short.
    /// </summary>
    internal static Dictionary<string, string?> BusyMachine(Dictionary<string, string?> settings)
    {
        settings["Terminal:DoorAskMilliseconds"] = "20000";
        settings["Server:TimeoutSeconds"] = "20";
        return settings;
    }

    private Task<int> InsideAsync() => server.WithDbAsync(db => db.Rooms.Where(r => r.Id == _room.RoomId).Select(r => r.Inside).SingleAsync());

    [Fact]
    public async Task The_door_counts_on_the_server_and_turns_people_away_when_the_room_is_full()
    {
        var first = await _door.ScanAsync(await _fair.TokenAsync("A-1"));
        Assert.Equal((PresenceDecision.Admitted, 1, 2, false), (first.Room!.Decision, first.Room.Inside, first.Room.Capacity, first.Room.Offline));
        await _door.ScanAsync(await _fair.TokenAsync("A-2"));
        var third = await _door.ScanAsync(await _fair.TokenAsync("A-3"));
        Assert.Equal(PresenceDecision.Full, third.Room!.Decision);
        Assert.Equal(ScanResult.Invalid, third.Result);
        Assert.Equal(0, await _door.PrintJobCountAsync());

        _door.Clock.Advance(DuplicateReads.Window + TimeSpan.FromSeconds(1));
        var leaving = await _door.ScanAsync(await _fair.TokenAsync("A-1"));
        Assert.Equal((PresenceDecision.Left, 1), (leaving.Room!.Decision, leaving.Room.Inside));
    }

    [Fact]
    public async Task Without_the_server_the_door_lets_a_known_badge_in_and_the_server_counts_it_once_later()
    {
        _proxy.Mode = Fault.Reset;
        var answer = await _door.ScanAsync(await _fair.TokenAsync("A-4"));
        Assert.Equal((ScanResult.Welcome, PresenceDecision.Admitted, true), (answer.Result, answer.Room!.Decision, answer.Room.Offline));
        Assert.Equal(0, await InsideAsync());

        _proxy.Mode = Fault.Pass;
        await Eventually.Async(_door.StateAsync, s => s.Outbox == 0, "the door's outbox to drain");
        Assert.Equal(1, await InsideAsync());
        Assert.Equal(1, await server.WithDbAsync(db => db.PresenceLog.CountAsync(p => p.RoomId == _room.RoomId && p.Counted)));
    }

    [Fact]
    public async Task The_door_screen_shows_a_big_answer_and_how_full_the_room_is()
    {
        await using var browser = await KioskBrowser.LaunchAsync();
        var page = await browser.OpenAsync(_door.Local.BaseAddress!, 1920, 1080);
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("screen-room")).ToBeVisibleAsync();

        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync("A-2"));

        var result = page.GetByTestId("room-result");
        await Microsoft.Playwright.Assertions.Expect(result).ToHaveAttributeAsync("data-decision", "Admitted");
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("room-fill")).ToHaveTextAsync("1 von 2 Plätzen belegt");
        await KioskBrowser.ShotAsync(page, "door-admitted");
    }
}
