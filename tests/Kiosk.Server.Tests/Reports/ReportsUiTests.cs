using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests.Reports;

/// <summary>The organizer's reports page and a printed certificate in headless Debian chromium against the real server.</summary>
public sealed class ReportsUiTests(KioskApp app) : BrowserTest, IClassFixture<KioskApp>
{
    [Fact]
    public async Task An_organizer_signs_in_sees_the_session_and_chart_and_prints_its_certificates()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var s = await MasterClassScenario.PlayAsync(app);
        var context = await Browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 1000 }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, $"/reports/?event={s.Fair.Event.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();

        await page.WaitForURLAsync($"**/reports/?event={s.Fair.Event.Id}");
        var row = page.Locator($"[data-testid=session-row][data-session-id='{s.SessionId}']");
        await Assertions.Expect(row.GetByTestId("attendance")).ToContainTextAsync("5");
        await Assertions.Expect(row.GetByTestId("peak")).ToContainTextAsync("7");
        await Assertions.Expect(row).ToContainTextAsync(MasterClassScenario.Title);
        // The chart opens on the last day with scans; shortly after midnight the class began the day before.
        var peakDay = TimeZoneInfo.ConvertTime(s.Start.AddMinutes(30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("#day-select").SelectOptionAsync(peakDay);
        await Assertions.Expect(page.Locator($"[data-testid=room-chart][data-room-id='{s.RoomId}']")).ToHaveAttributeAsync("data-peak", "7");
        await Assertions.Expect(page.Locator($"[data-testid=room-chart][data-room-id='{s.RoomId}'] rect.bar").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("a[data-file='sessions.xlsx']")).ToHaveAttributeAsync("href", $"/api/events/{s.Fair.Event.Id}/reports/sessions.xlsx");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "reports.png"), FullPage = true });

        var popup = await page.RunAndWaitForPopupAsync(() => row.GetByTestId("print-certificates").ClickAsync());
        await Assertions.Expect(popup.Locator("article.sheet")).ToHaveCountAsync(3);
        await Assertions.Expect(popup.Locator("article.sheet").First).ToContainTextAsync("Teilnahmebescheinigung");
        await popup.ScreenshotAsync(new() { Path = Path.Combine(Shots, "certificates.png"), FullPage = true });
        await popup.PdfAsync(new() { Path = Path.Combine(Shots, "certificates.pdf"), Format = "A4" });

        await page.Locator("button.lang-btn[data-lang=en]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Reports");
        await Assertions.Expect(row.GetByTestId("print-certificates")).ToHaveTextAsync("Print certificates");
    }
}
