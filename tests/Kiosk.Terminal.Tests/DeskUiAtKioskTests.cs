using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// The help desk in headless Debian chromium with a real kiosk printing to a TCP printer: staff reprint a badge
/// at a chosen kiosk, see why it waits (paper out) and then the kiosk confirm it, reissue a lost badge (refused
/// at the kiosk afterwards) and undo a check-in.
/// </summary>
public sealed class DeskUiAtKioskTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private CapturingPrinter _printer = null!;
    private TerminalApp _terminal = null!;
    private KioskBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        _printer = new CapturingPrinter();
        _terminal = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Eingang Nord 1"), new()
        {
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = _printer.Port.ToString(),
        }).Start();
        // A second kiosk, enrolled but switched off: the desk offers it, marked offline.
        await server.EnrolTerminalAsync(_fair.Organizer, _fair.Event.Id, "Eingang Süd 2");
        await _terminal.ReadyAsync(attendees: 4);
        _browser = await KioskBrowser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _terminal.DisposeAsync();
        await _printer.DisposeAsync();
    }

    [Fact]
    public async Task Staff_reprint_at_a_chosen_kiosk_and_see_it_printed_then_reissue_the_badge_and_undo_the_check_in()
    {
        var anna = await _fair.AttendeeAsync("A-1");
        var oldToken = await _fair.TokenAsync(anna.Id);
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(oldToken)).Result);
        await _printer.NextJobAsync(seconds: 30);
        await Eventually.Async(_terminal.StateAsync, s => s.Outbox == 0, "the check-in to reach the server");
        var user = $"desk{Guid.NewGuid():N}"[..12];
        (await _fair.Organizer.PostAsJsonAsync("/api/users", new Kiosk.Server.Staff.NewAccountRequest(user, "staff-password-1", "Staff"), Json.Options)).EnsureSuccessStatusCode();

        var page = await _browser.OpenAsync(new Uri(server.BaseAddress, $"/login/?return=/desk/%3Fevent%3D{_fair.Event.Id}"), 1366, 900);
        await page.GetByTestId("login-username").FillAsync(user);
        await page.GetByTestId("login-password").FillAsync("staff-password-1");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/desk/**");
        await page.GetByTestId("search-input").FillAsync("muller");
        await page.GetByTestId("search-input").PressAsync("Enter");
        await page.Locator($"[data-testid=search-results] [data-attendee-id='{anna.Id}']").ClickAsync();
        var status = page.GetByTestId("attendee-status");
        await Assertions.Expect(status).ToContainTextAsync("Eingang Nord 1");
        var prints = page.GetByTestId("print-history");
        await Assertions.Expect(prints).ToContainTextAsync("Erstdruck beim Check-in am Kiosk „Eingang Nord 1“");

        // Reprint: the switched-off kiosk is offered last and says it is offline.
        await page.GetByRole(AriaRole.Button, new() { Name = "Am Kiosk nachdrucken" }).ClickAsync();
        // The dialog opens once the kiosk list is loaded: the expectation waits for it.
        await Assertions.Expect(page.Locator("#dialog select[name=kiosk] option")).ToHaveTextAsync(
            [new Regex("^Eingang Nord 1$"), new Regex(@"^Eingang Süd 2 – offline \(zuletzt ")]);
        // The kiosk's printer has just run out of paper: the order waits, and the desk says why.
        _printer.SetStatus(CapturingPrinter.PaperOut);
        await Eventually.Async(_terminal.StateAsync, s => s.OutOfOrder, "the kiosk to notice the paper is out");
        await page.GetByTestId("dialog-reason").FillAsync("Papierstau");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveTextAsync("Nachdruck am Kiosk „Eingang Nord 1“ beauftragt.");
        await Assertions.Expect(prints.Locator("li").Nth(1)).ToContainTextAsync("(Papierstau) – noch nicht gedruckt: Drucker ohne Papier");
        await KioskBrowser.ShotAsync(page, "desk-reprint-held");
        _printer.SetStatus(CapturingPrinter.Ready);
        var reprinted = await _printer.NextJobAsync(seconds: 30);
        Assert.Contains("M\u0081ller", Encoding.Latin1.GetString(reprinted)); // ü in PC858
        // The panel follows the kiosk's confirmation by itself: no second search, no click.
        await Assertions.Expect(prints.Locator("li").Nth(1)).ToContainTextAsync("(Papierstau) – gedruckt ");
        await KioskBrowser.ShotAsync(page, "desk-reprint-printed");

        // Reissue: warned first; afterwards the kiosk refuses the old badge once its roster copy has the new version.
        await page.GetByRole(AriaRole.Button, new() { Name = "Neu ausstellen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dialog-warning")).ToContainTextAsync("funktioniert danach nicht mehr");
        await page.GetByTestId("dialog-reason").FillAsync("Badge verloren");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveTextAsync("Neues Badge (Version 2) ausgestellt. Das alte Badge ist gesperrt.");
        var roster = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Offline.Roster>(_terminal.Services);
        await Eventually.Async(() => roster.FindAsync(anna.Id), p => p?.BadgeVersion == 2, "the reissued badge in the kiosk's roster copy");
        _terminal.Clock.Advance(DuplicateReads.Window + TimeSpan.FromSeconds(1));
        Assert.Equal(ScanResult.Revoked, (await _terminal.ScanAsync(oldToken)).Result);

        // Undo: the person may check in again, and the history keeps the undo with its reason.
        await page.GetByRole(AriaRole.Button, new() { Name = "Check-in zurücknehmen" }).ClickAsync();
        await page.GetByTestId("dialog-reason").FillAsync("falsche Person eingecheckt");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveTextAsync("Check-in zurückgenommen.");
        await Assertions.Expect(status).ToHaveTextAsync("Nicht eingecheckt");
        await Assertions.Expect(page.GetByTestId("act-checkin")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#scans")).ToContainTextAsync("(falsche Person eingecheckt)");
        await KioskBrowser.ShotAsync(page, "desk-after-undo");

        var audit = await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditLog.Where(a => a.AttendeeId == anna.Id && a.Actor == user).OrderBy(a => a.Id).Select(a => a.Action)));
        Assert.Equal(["badge.reprint-ordered", "badge.reissued", "checkin.undone"], audit);
    }
}
