using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Desk;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// The desk's correction requests in headless Debian chromium, fed by a real kiosk whose visitors said "Fehler auf dem
/// Badge?": the list (refreshed while open), the correction form with the marked fields and the kiosk chosen, the one
/// badge the kiosk then prints, and axe-core over list and form in German and English.
/// </summary>
public sealed class DeskCorrectionUiTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private static readonly string Shots = Directory.CreateDirectory(Environment.GetEnvironmentVariable("KIOSK_PREVIEW_SHOTS") ?? KioskBrowser.Shots).FullName;
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
            ["Terminal:BadgePreviewSeconds"] = "3",
        }).Start();
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

    private async Task WrongBadgeAsync(string externalId, params string[] fields)
    {
        var answer = await _terminal.ScanAsync(await _fair.TokenAsync(externalId));
        Assert.Equal(ScanResult.Welcome, answer.Result);
        (await _terminal.Local.PostAsJsonAsync($"/local/print/{answer.PrintRef}/correction", new { fields })).EnsureSuccessStatusCode();
    }

    private Task<List<CorrectionRequestView>?> OpenRequestsAsync() =>
        _fair.Organizer.GetFromJsonAsync<List<CorrectionRequestView>>($"/api/events/{_fair.Event.Id}/desk/corrections", Json.Options);

    [Fact]
    public async Task The_desk_lists_correction_requests_corrects_and_prints_one_badge_at_the_requesting_kiosk()
    {
        await WrongBadgeAsync("A-1", "name");
        var first = (await Eventually.Async(OpenRequestsAsync, r => r!.Count == 1, "the request on the server"))!.Single();
        var user = $"desk{Guid.NewGuid():N}"[..12];
        (await _fair.Organizer.PostAsJsonAsync("/api/users", new Kiosk.Server.Staff.NewAccountRequest(user, "staff-password-1", "Staff"), Json.Options)).EnsureSuccessStatusCode();

        var page = await _browser.OpenAsync(new Uri(server.BaseAddress, $"/login/?return=/desk/%3Fevent%3D{_fair.Event.Id}"), 1366, 900);
        await page.GetByTestId("login-username").FillAsync(user);
        await page.GetByTestId("login-password").FillAsync("staff-password-1");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/desk/**");

        var list = page.GetByTestId("correction-requests");
        var anna = list.Locator($"[data-request-id='{first.Id}']");
        await Assertions.Expect(anna).ToContainTextAsync("Dr. Anna Müller");
        await Assertions.Expect(anna.Locator(".desk-pill.marked")).ToHaveTextAsync("Name");
        await Assertions.Expect(anna).ToContainTextAsync("Kiosk „Eingang Nord 1“");

        // A request made while the desk is open appears without a reload.
        await WrongBadgeAsync("A-2", "title", "organization");
        await Assertions.Expect(list.Locator("li.desk-correction")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await PageAxe.AssertNoViolationsAsync(page, "desk correction requests (de)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-corrections-de.png") });
        await page.Locator("[data-testid=language-toggle] button[data-lang=en]").ClickAsync();
        await Assertions.Expect(page.Locator("#corrections-heading")).ToHaveTextAsync("Correction requests");
        await Assertions.Expect(list.Locator(".desk-pill.marked")).ToHaveTextAsync(["Name", "Title", "Organisation"]);
        await PageAxe.AssertNoViolationsAsync(page, "desk correction requests (en)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-corrections-en.png") });
        await page.Locator("[data-testid=language-toggle] button[data-lang=de]").ClickAsync();

        // "Korrigieren" opens the person and the correction form: the marked fields stand out, the kiosk is the requesting one.
        await anna.GetByRole(AriaRole.Button, new() { Name = "Dr. Anna Müller korrigieren" }).ClickAsync();
        var dialog = page.Locator("#dialog");
        await Assertions.Expect(dialog.Locator("label.marked")).ToHaveCountAsync(2);
        await Assertions.Expect(dialog.Locator("label.marked input[name=firstName], label.marked input[name=lastName]")).ToHaveCountAsync(2);
        await Assertions.Expect(dialog.Locator("[name=reprintAt]")).ToHaveValueAsync(first.TerminalId.ToString());
        await PageAxe.AssertNoViolationsAsync(page, "desk correction form from a request (de)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-correction-form-de.png") });
        await dialog.Locator("[name=lastName]").FillAsync("Müller-Lüdenscheidt");
        await page.GetByTestId("dialog-reason").FillAsync("Korrekturwunsch am Kiosk");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveTextAsync("Korrektur gespeichert, Nachdruck am Kiosk „Eingang Nord 1“ beauftragt.");

        Assert.Contains("L\u0081denscheidt", Encoding.Latin1.GetString(await _printer.NextJobAsync(seconds: 30)));
        await Assertions.Expect(anna).ToHaveCountAsync(0); // printing resolved it
        await Assertions.Expect(list.Locator("li.desk-correction")).ToHaveCountAsync(1);

        await list.GetByRole(AriaRole.Button, new() { Name = "Korrekturwunsch von Jürgen Groß erledigt" }).ClickAsync();
        await Assertions.Expect(list).ToHaveTextAsync("Keine offenen Korrekturwünsche.");
        Assert.Empty((await OpenRequestsAsync())!);
        Assert.Equal(1, _printer.JobsPrinted); // the two badges marked wrong never printed
    }
}
