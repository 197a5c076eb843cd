using System.Net.Http.Json;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests;

/// <summary>The organizer's login and live dashboard in headless Debian chromium against the real server.</summary>
public sealed class DashboardUiTests(KioskApp app) : BrowserTest, IClassFixture<KioskApp>
{
    [Fact]
    public async Task An_organizer_logs_in_and_watches_a_room_tile_change_after_a_door_scan()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Dialoginsel D – Informationssicherheit", 15, RoomKind.DialogueIsland);
        var (door, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Tür Insel D");
        // A master class later today, full with one waiting: its tile says so under the title.
        var classRoom = await fair.RoomAsync("Masterclass Raum Ruhr", 40);
        var starts = DateTimeOffset.UtcNow.AddHours(2);
        var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{classRoom.RoomId}/sessions",
            new SessionRequest("Registermodernisierung", starts, starts.AddMinutes(90), Capacity: 2), Json.Options);
        var session = (await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;
        (await fair.Organizer.PostAsJsonAsync($"/api/sessions/{session.Id}/bookings",
            new BookingRequest([(await fair.AttendeeAsync("A-1")).Id, (await fair.AttendeeAsync("A-2")).Id, (await fair.AttendeeAsync("A-3")).Id]), Json.Options)).EnsureSuccessStatusCode();

        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        await page.GotoAsync(new Uri(app.BaseAddress, $"/dashboard/?event={fair.Event.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();

        var tile = page.Locator($"[data-testid=room-tile][data-room-id='{room.RoomId}']");
        await Assertions.Expect(tile.GetByTestId("room-inside")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator($"[data-testid=room-tile][data-room-id='{classRoom.RoomId}'] .session-seats")).ToHaveTextAsync("2/2 gebucht · 1 auf der Warteliste");
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "live");

        for (var i = 0; i < 14; i++)
            (await door.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();

        // Pushed, not polled: the dashboard polls every 30 s, this waits at most half of that (the
        // push latency itself is measured in the benchmarks, not asserted on a busy test machine).
        await Assertions.Expect(tile.GetByTestId("room-inside")).ToHaveTextAsync("14");
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-fill", "high");
        await Assertions.Expect(page.Locator("[data-testid=alert][data-kind=RoomAlmostFull]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "dashboard-wall.png") });
    }

    [Fact]
    public async Task After_its_live_connection_drops_the_dashboard_reconnects_and_fetches_what_it_missed()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Masterclass Raum Emscher", 30);
        await using var hall = new FaultProxy(app.BaseAddress); // the wall screen's network
        var page = await NewDashboardPageAsync();
        var tile = await SignInToDashboardAsync(page, fair, room, hall.Address);
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "live");

        // The network drops, and the count changes meanwhile (in the database: no hint would go out anyway)...
        hall.Mode = Fault.Reset;
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "reconnecting");
        await SetInsideAsync(room, 7);
        hall.Mode = Fault.Pass;

        // ...and the screen shows it once it is back: a reconnect fetches the snapshot.
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "live");
        await Assertions.Expect(tile.GetByTestId("room-inside")).ToHaveTextAsync("7");
    }

    [Fact]
    public async Task When_the_hub_cannot_be_reached_the_dashboard_follows_by_polling()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Masterclass Raum Lippe", 30);
        var page = await NewDashboardPageAsync();
        await page.Clock.InstallAsync(); // time runs as usual until the test skips ahead
        // The dashboard opens the hub's WebSocket directly (no negotiate): every attempt is closed at once.
        await page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/hubs/live"), ws => ws.CloseAsync(new() { Code = 1011, Reason = "hub unreachable" }));
        var tile = await SignInToDashboardAsync(page, fair, room, app.BaseAddress);

        await SetInsideAsync(room, 5);
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "reconnecting");
        await page.Clock.FastForwardAsync("00:31"); // past the 30 s poll

        await Assertions.Expect(tile.GetByTestId("room-inside")).ToHaveTextAsync("5");
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "reconnecting");
    }

    private Task<IPage> NewDashboardPageAsync() =>
        Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });

    /// <summary>Signs in as the organizer on the way to the event's dashboard; returns the room's tile, showing 0.</summary>
    private static async Task<ILocator> SignInToDashboardAsync(IPage page, Fair fair, RoomOccupancy room, Uri server)
    {
        await page.GotoAsync(new Uri(server, $"/dashboard/?event={fair.Event.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        var tile = page.Locator($"[data-testid=room-tile][data-room-id='{room.RoomId}']");
        await Assertions.Expect(tile.GetByTestId("room-inside")).ToHaveTextAsync("0");
        return tile;
    }

    /// <summary>Changes a room's count behind the server's back: no hint goes out, only a snapshot shows it.</summary>
    private Task<int> SetInsideAsync(RoomOccupancy room, int inside) =>
        app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Rooms.Where(r => r.Id == room.RoomId), s => s.SetProperty(r => r.Inside, inside)));

    [Fact]
    public async Task Staff_count_people_at_a_door_on_their_phone()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Attendees.Where(a => a.EventId == fair.Event.Id), s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        var room = await fair.RoomAsync("Dialoginsel C – Smart City", 15, RoomKind.DialogueIsland);

        var page = await OpenDoorPhoneAsync(fair, room);

        await page.GetByTestId("plus-one").ClickAsync();
        await Assertions.Expect(page.GetByTestId("door-inside")).ToHaveTextAsync("1");
        await page.GetByTestId("plus-one").ClickAsync();
        await Assertions.Expect(page.GetByTestId("door-inside")).ToHaveTextAsync("2");
        await page.GetByTestId("minus-one").ClickAsync();
        await Assertions.Expect(page.GetByTestId("door-inside")).ToHaveTextAsync("1");

        await page.GetByTestId("scanner-input").FillAsync(await fair.TokenAsync("A-1"));
        await page.GetByTestId("scanner-input").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("door-result")).ToHaveAttributeAsync("data-decision", "Admitted");
        await Assertions.Expect(page.GetByTestId("door-inside")).ToHaveTextAsync("2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "door-phone.png") });
        Assert.Equal(2, await app.WithDbAsync(db => Task.FromResult(db.Rooms.Single(r => r.Id == room.RoomId).Inside)));
    }

    [Fact]
    public async Task A_door_scan_waiting_on_the_phone_survives_a_reload_and_is_counted_once()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var juergen = await fair.AttendeeAsync("A-2");
        await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Attendees.Where(a => a.Id == juergen.Id), s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        var room = await fair.RoomAsync("Masterclass Raum Ruhr", 30);
        var page = await OpenDoorPhoneAsync(fair, room);
        await Assertions.Expect(page.GetByTestId("door-inside")).ToHaveTextAsync("0");

        // The hall's Wi-Fi lets the page load but no scan through: the phone keeps the scan.
        await page.RouteAsync("**/api/presence", route => route.AbortAsync());
        await page.GetByTestId("scanner-input").FillAsync(await fair.TokenAsync(juergen.Id));
        await page.GetByTestId("scanner-input").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("door-result")).ToHaveAttributeAsync("data-decision", "Queued");
        await Assertions.Expect(page.GetByTestId("pending-count")).ToHaveAttributeAsync("data-count", "1");

        // The phone's browser throws the tab away and loads it again: the scan is still there, and still waiting.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("pending-count")).ToHaveAttributeAsync("data-count", "1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "door-phone-waiting.png") });

        await page.UnrouteAsync("**/api/presence");
        await Assertions.Expect(page.GetByTestId("pending-count")).ToHaveAttributeAsync("data-count", "0");
        await Assertions.Expect(page.GetByTestId("door-inside")).ToHaveTextAsync("1");
        var scans = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.PresenceLog.Where(p => p.AttendeeId == juergen.Id)));
        Assert.Equal(1, scans);
        // Once answered, nothing of the scan is left in the phone's storage.
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('kiosk.door.outbox')"));
    }

    [Fact]
    public async Task Door_scans_the_server_lost_in_a_restore_are_sent_again_by_the_phone_and_counted_once()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Dialoginsel C – Smart City", 15, RoomKind.DialogueIsland);
        var page = await OpenDoorPhoneAsync(fair, room);
        for (var i = 1; i <= 3; i++)
        {
            await page.GetByTestId("plus-one").ClickAsync();
            await Assertions.Expect(page.GetByTestId("door-inside")).ToHaveTextAsync($"{i}");
        }

        // The server's database comes back from a copy made before these scans: they are gone, the room is empty.
        await app.WithDbAsync(async db =>
        {
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.PresenceLog.Where(p => p.RoomId == room.RoomId));
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                db.Rooms.Where(r => r.Id == room.RoomId), s => s.SetProperty(r => r.Inside, 0));
        });

        // The phone asks after what it was answered for, and sends again what the server lost.
        var stored = await Eventually.Async(() => app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.PresenceLog.Where(p => p.RoomId == room.RoomId).Select(p => p.ClientScanId))), ids => ids.Count == 3, "the phone to send the lost scans again", seconds: 60);
        Assert.Equal(3, stored.Distinct().Count());
        Assert.Equal(3, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Rooms.Where(r => r.Id == room.RoomId).Select(r => r.Inside))));
        await Assertions.Expect(page.GetByTestId("door-inside")).ToHaveTextAsync("3");
    }

    /// <summary>A staff member's phone: signs in at the door page and picks the room.</summary>
    private async Task<IPage> OpenDoorPhoneAsync(Fair fair, RoomOccupancy room)
    {
        var user = $"helfer{Guid.NewGuid():N}"[..14];
        (await fair.Organizer.PostAsJsonAsync("/api/users", new Kiosk.Server.Staff.NewAccountRequest(user, "staff-password-1", "Staff"), Json.Options)).EnsureSuccessStatusCode();
        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 412, Height = 915 }, Locale = "de-DE", TimezoneId = "Europe/Berlin", HasTouch = true, IsMobile = true });
        await page.GotoAsync(new Uri(app.BaseAddress, $"/door/?event={fair.Event.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync(user);
        await page.GetByTestId("login-password").FillAsync("staff-password-1");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.Locator($"[data-testid=room-choice][data-room-id='{room.RoomId}']").ClickAsync();
        return page;
    }
}
