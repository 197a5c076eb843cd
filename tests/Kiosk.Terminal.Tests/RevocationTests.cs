using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Terminal.Ui;
using Kiosk.Testing;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// A kiosk the server no longer trusts (revoked, or a server that never knew it) stands down: no admissions, no
/// prints, no roster on its disk; the scans it confirmed stay. A new code enrols it afresh, for another event too.
/// </summary>
public sealed class RevocationTests(KioskApp server) : IClassFixture<KioskApp>
{
    private const string StaffPin = "2468";

    private async Task<int> TerminalIdAsync(int eventId, string name) =>
        await server.WithDbAsync(db => db.Terminals.AsNoTracking().Where(t => t.EventId == eventId && t.Name == name).Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task A_revoked_kiosk_stands_down_forgets_the_roster_keeps_its_unsent_scan_and_enrols_again_with_a_typed_code()
    {
        var fair = await Fair.OpenAsync(server);
        await using var proxy = new FaultProxy(server.BaseAddress);
        await using var kiosk = new TerminalApp(proxy.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Widerruf"),
            new() { ["Terminal:StaffPin"] = StaffPin }).Start();
        await kiosk.ReadyAsync(attendees: 4);
        Assert.Equal(ScanResult.Welcome, (await kiosk.ScanAsync(await fair.TokenAsync("A-1"))).Result);
        await Eventually.Async(() => kiosk.StateAsync(), s => s.Outbox == 0 && s.Online, "the first scan to be uploaded");

        // Confirmed to the visitor while the network is down: a fact the kiosk must keep.
        proxy.Mode = Fault.Blackhole;
        var unsent = await kiosk.ScanAsync(await fair.TokenAsync("A-2"));
        Assert.Equal(ScanResult.Welcome, unsent.Result);
        var revoke = await fair.Organizer.PostAsync($"/api/terminals/{await TerminalIdAsync(fair.Event.Id, "Eingang Widerruf")}/revoke", null);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        proxy.Mode = Fault.Pass;

        var state = await Eventually.Async(() => kiosk.StateAsync(), s => s.OutOfOrder, "the kiosk to stand down");
        Assert.Equal(OutOfOrderReasons.Withdrawn, state.OutOfOrderReason);
        Assert.False(state.Online);
        Assert.False(state.Enrolled);
        Assert.Equal(0, state.RosterSize);
        Assert.Equal(1, state.Outbox);
        Assert.Equal(0, await kiosk.PrintJobCountAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(kiosk.DataDirectory, "prints")));
        Assert.Equal(ScanResult.OutOfOrder, (await kiosk.ScanAsync(await fair.TokenAsync("A-3"))).Result);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(kiosk.DataDirectory, "terminal.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var name in new[] { "Öztürk", "Weiß", "Rathaus Digital" })
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(name)) < 0, $"{name} is still in {Path.GetFileName(file)}");
        }

        // Staff type a new code on the out-of-order screen: the kiosk starts afresh; the old scan stays apart.
        var wrong = await kiosk.Local.PostAsJsonAsync("/local/staff/enrol", new StaffEnrolRequest("0000", "ABCDE-FGHJK"));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var code = await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Widerruf neu");
        var typed = await kiosk.Local.PostAsJsonAsync("/local/staff/enrol", new StaffEnrolRequest(StaffPin, code));
        Assert.Equal(HttpStatusCode.Accepted, typed.StatusCode);
        state = await Eventually.Async(() => kiosk.StateAsync(), s => s is { Enrolled: true, OutOfOrder: false, RosterSize: 4 }, "the kiosk to enrol afresh");
        Assert.Equal(0, state.Outbox);
        Assert.Equal(1, state.OrphanedScans);
        Assert.Equal(ScanResult.Welcome, (await kiosk.ScanAsync(await fair.TokenAsync("A-3"))).Result);
        await Eventually.Async(() => kiosk.StateAsync(), s => s.Outbox == 0, "the new scan to be uploaded");
        // The server's mark for the new identity covers the new scan: the scans kept aside do not hold it back
        // (else every heartbeat would find answers "lost" and send them again).
        await Eventually.Async(() => server.WithDbAsync(db => db.Terminals.AsNoTracking().Where(t => t.Name == "Eingang Widerruf neu").Select(t => t.OutboxMark).SingleAsync()),
            mark => mark > 0, "the new identity's outbox mark to move");

        var export = await kiosk.Local.PostAsJsonAsync("/local/staff/unsent-scans", new StaffPinRequest(StaffPin));
        export.EnsureSuccessStatusCode();
        Assert.Contains("kiosk-unsent-scans.json", export.Content.Headers.ContentDisposition?.ToString());
        var held = await export.Content.ReadFromJsonAsync<List<Kiosk.Terminal.Offline.OrphanedScan>>(Json.Options);
        Assert.Equal("checkin", Assert.Single(held!).Kind);

        // The server has the scans of trusted identities only: A-1 from the old one, A-3 from the new one.
        var stored = await server.WithDbAsync(db => db.CheckIns.AsNoTracking().Where(c => c.EventId == fair.Event.Id)
            .Join(db.Attendees, c => c.AttendeeId, a => a.Id, (c, a) => a.ExternalId).ToListAsync());
        Assert.Equal(["A-1", "A-3"], stored.Order());
    }

    [Fact]
    public async Task Staff_re_enrol_a_withdrawn_kiosk_on_its_screen_with_the_pin_and_a_new_code()
    {
        await using var browser = await KioskBrowser.LaunchAsync();
        Assert.SkipWhen(browser.Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(server);
        await using var kiosk = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Bildschirm"),
            new() { ["Terminal:StaffPin"] = StaffPin }).Start();
        await kiosk.ReadyAsync(attendees: 4);
        var page = await browser.OpenAsync(kiosk.Local.BaseAddress!);
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();

        (await fair.Organizer.PostAsync($"/api/terminals/{await TerminalIdAsync(fair.Event.Id, "Eingang Bildschirm")}/revoke", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("screen-out-of-order")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("staff-withdrawn")).ToBeVisibleAsync();
        await KioskBrowser.ShotAsync(page, "kiosk-withdrawn");

        var code = await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Bildschirm neu");
        await page.GetByTestId("staff-open").ClickAsync();
        foreach (var key in StaffPin)
            await page.Locator($"[data-testid=keyboard-key][data-key='{key}']").ClickAsync();
        await page.GetByTestId("staff-code-input").ClickAsync();
        foreach (var key in code.Where(char.IsAsciiLetterOrDigit))
            await page.Locator($"[data-testid=keyboard-key][data-key='{key}']").ClickAsync();
        await KioskBrowser.ShotAsync(page, "kiosk-withdrawn-staff");
        await page.GetByTestId("staff-enrol").ClickAsync();

        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        Assert.Equal(4, (await kiosk.StateAsync()).RosterSize);
    }

    [Fact]
    public async Task A_kiosk_pc_reused_for_the_next_event_enrols_with_the_new_code_and_admits_its_badges()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("kiosk-reused-pc-").FullName;
        var earlier = await Fair.OpenAsync(server);
        await using (var first = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(earlier.Organizer, earlier.Event.Id, "Eingang 2025"),
            new() { ["Terminal:DataDirectory"] = dataDirectory }).Start())
        {
            await first.ReadyAsync(attendees: 4);
        }

        var next = await Fair.OpenAsync(server, "ID;Vorname;Nachname;Organisation\nN-1;Käthe;Süß;Stadt Bottrop\nN-2;Björn;Dürr;Kreis Höxter");
        await using var kiosk = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(next.Organizer, next.Event.Id, "Eingang 2026"),
            new() { ["Terminal:DataDirectory"] = dataDirectory }).Start();
        await Eventually.Async(() => kiosk.StateAsync(), s => s is { Enrolled: true, RosterSize: 2 }, "the new event's roster");
        Assert.Equal(next.Event.Name, (await kiosk.StateAsync()).EventName);
        Assert.Equal(ScanResult.Welcome, (await kiosk.ScanAsync(await next.TokenAsync("N-1"))).Result);
        Assert.Equal(ScanResult.WrongEvent, (await kiosk.ScanAsync(await earlier.TokenAsync("A-1"))).Result);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
