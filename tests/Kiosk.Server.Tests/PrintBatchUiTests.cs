using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests;

/// <summary>
/// Badges ready before the doors open, as an organizer meets them in headless Debian chromium: the desk's print batch
/// form and its progress, the same progress pushed to the dashboard, and axe-core over every desk tab in both languages.
/// </summary>
public sealed class PrintBatchUiTests(KioskApp app) : BrowserTest, IClassFixture<KioskApp>
{
    [Fact]
    public async Task An_organizer_sends_the_speakers_to_the_print_station_and_watches_them_print_on_the_desk_and_the_dashboard()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app, Fair.Roster + "\nA-5;;Bernd;Adler;Messe Essen;Referent;b.adler@messe.example");
        var (station, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Druckstation Counter 2");

        var desk = await SignInAsync($"/desk/?event={fair.Event.Id}", 1366, 900);
        await desk.GetByRole(AriaRole.Tab, new() { Name = "Druckaufträge" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("batch-kiosk")).ToContainTextAsync("Druckstation Counter 2");
        await Assertions.Expect(desk.Locator("#batch-empty")).ToBeVisibleAsync();
        await desk.Locator("#batch-category").SelectOptionAsync("Speaker");
        await desk.GetByTestId("batch-submit").ClickAsync();
        await Assertions.Expect(desk.GetByTestId("desk-message")).ToHaveTextAsync("2 Badges an Druckstation Counter 2 gesendet.");
        var row = desk.GetByTestId("batch-rows").Locator("li").First;
        await Assertions.Expect(row).ToContainTextAsync("Kategorie Referent");
        await Assertions.Expect(row.GetByTestId("batch-progress")).ToHaveTextAsync("0 von 2 gedruckt");

        var dashboard = await SignInAsync($"/dashboard/?event={fair.Event.Id}", 1920, 1080);
        var tile = dashboard.GetByTestId("batch-row").First;
        await Assertions.Expect(tile.GetByTestId("batch-progress")).ToHaveTextAsync("0 von 2 gedruckt");
        await Assertions.Expect(dashboard.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "live");

        // The station prints the first badge and confirms it: the dashboard hears it over /hubs/live, the desk on its next look.
        var orders = (await station.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options))!;
        (await station.PostAsync($"/api/terminal/reprints/{orders[0].OrderId}/printed", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(tile.GetByTestId("batch-progress")).ToHaveTextAsync("1 von 2 gedruckt");
        await Assertions.Expect(row.GetByTestId("batch-progress")).ToHaveTextAsync("1 von 2 gedruckt");
        await dashboard.ScreenshotAsync(new() { Path = Path.Combine(Shots, "dashboard-print-batch.png") });
        (await station.PostAsync($"/api/terminal/reprints/{orders[1].OrderId}/printed", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(row.GetByTestId("batch-progress")).ToHaveTextAsync("Fertig: alle 2 gedruckt");
        await Assertions.Expect(tile.GetByTestId("batch-progress")).ToHaveTextAsync("Fertig: 2 gedruckt");
        await desk.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-print-batches.png"), FullPage = true });

        // A list that is not numbers is refused on the page, before anything is sent.
        await desk.Locator("#batch-kind-list").CheckAsync();
        await desk.Locator("#batch-list").FillAsync("12, zwölf");
        await desk.GetByTestId("batch-submit").ClickAsync();
        await Assertions.Expect(desk.GetByTestId("desk-message")).ToHaveTextAsync("Bitte Teilnehmer-Nummern eingeben (nur Zahlen).");
        await Assertions.Expect(desk.GetByTestId("batch-rows").Locator("li")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Every_desk_tab_and_the_dashboard_pass_axe_in_german_and_english()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var (_, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd");
        (await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/print-batches",
            new Kiosk.Server.Desk.PrintBatchRequest(enrolment.TerminalId, Kiosk.Shared.Badges.AttendeeCategory.Press), Json.Options)).EnsureSuccessStatusCode();

        var desk = await SignInAsync($"/desk/?event={fair.Event.Id}", 1366, 900);
        var dashboard = await SignInAsync($"/dashboard/?event={fair.Event.Id}", 1920, 1080);
        await Assertions.Expect(dashboard.GetByTestId("batch-row")).ToHaveCountAsync(1);
        foreach (var (language, tabs) in new[] { ("de", new[] { "Teilnehmende", "Konflikte", "Druckaufträge", "Audit-Protokoll" }), ("en", ["Attendees", "Conflicts", "Print batches", "Audit log"]) })
        {
            await desk.Locator($"[data-testid=language-toggle] button[data-lang={language}]").ClickAsync();
            foreach (var tab in tabs)
            {
                await desk.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
                await Assertions.Expect(desk.GetByRole(AriaRole.Tab, new() { Name = tab })).ToHaveAttributeAsync("aria-selected", "true");
                if (tab is "Druckaufträge" or "Print batches") await Assertions.Expect(desk.GetByTestId("batch-rows").Locator("li")).ToHaveCountAsync(1);
                await PageAxe.AssertNoViolationsAsync(desk, $"the desk's {tab} tab ({language})");
            }
            await dashboard.Locator($"[data-testid=language-toggle] button[data-lang={language}]").ClickAsync();
            await PageAxe.AssertNoViolationsAsync(dashboard, $"the dashboard ({language})");
        }
    }

    /// <summary>A page of the server, signed in as the organizer through the sign-in page it sends us to.</summary>
    private async Task<IPage> SignInAsync(string path, int width, int height)
    {
        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync($"**{path.Split('?')[0]}**");
        return page;
    }
}
