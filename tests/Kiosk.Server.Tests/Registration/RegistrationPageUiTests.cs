using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests.Registration;

/// <summary>The public registration page in headless Debian chromium: without JavaScript, by keyboard, German and English, axe.</summary>
public sealed class RegistrationPageUiTests(RegistrationKioskApp app) : BrowserTest, IClassFixture<RegistrationKioskApp>
{
    [Theory(Timeout = 240_000)] // a browser that waits forever fails here rather than holding CI
    [InlineData("de")]
    [InlineData("en")]
    public async Task A_visitor_registers_by_keyboard_with_javascript_off_and_every_page_passes_axe(string lang)
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var saved = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", RegistrationTests<RegistrationKioskApp>.Form(
            new { name = "Öffentliche Verwaltung", nameEn = "Public administration", badgeCategory = "Visitor" },
            new { name = "Presse", nameEn = "Press", badgeCategory = "Press", needsApproval = true }));
        var form = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var email = $"ui.{lang}.{Guid.NewGuid().ToString("N")[..8]}@essen.example";

        await using var context = await Browser!.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 1000, Height = 1200 }, Locale = lang == "en" ? "en-GB" : "de-DE" });
        var page = await context.NewPageAsync();
        await using var axeContext = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 1200 } });
        var axePage = await axeContext.NewPageAsync();
        // axe-core is JavaScript and waits on timers, which never run with JavaScript off: it looks at a copy of each
        // page in a second tab that has JavaScript, at the same address, so styles and language are the same.
        (string Url, string Html)? copy = null;
        await axePage.RouteAsync("**/*", r => copy is { } c && r.Request.IsNavigationRequest && r.Request.Url == c.Url
            ? r.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = c.Html })
            : r.ContinueAsync());
        async Task AxeAsync(IPage shown, string screen)
        {
            copy = (shown.Url, await shown.ContentAsync());
            await axePage.GotoAsync(shown.Url);
            await Assertions.Expect(axePage.Locator("h1")).ToHaveTextAsync(await shown.Locator("h1").InnerTextAsync());
            await PageAxe.AssertNoViolationsAsync(axePage, screen);
        }
        await page.GotoAsync(new Uri(app.BaseAddress, $"/register/{fair.Event.Id}/?lang={lang}").ToString());
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await AxeAsync(page, $"registration form ({lang})");
        // The organizer gave the exhibitor consent in German only: on the English page it is marked German.
        if (lang == "en") await Assertions.Expect(page.Locator("label[for=contactSharing]")).ToHaveAttributeAsync("lang", "de");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"register-{lang}.png"), FullPage = true });

        // Sent empty: the errors at the top and at each field, and axe still finds nothing.
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#errors li")).ToHaveCountAsync(4);
        await AxeAsync(page, $"registration form with errors ({lang})");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"register-errors-{lang}.png"), FullPage = true });

        // By keyboard alone: Tab from field to field, umlauts typed as text, Space on the choices, Enter sends.
        await page.Locator("#title").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.InsertTextAsync("Jürgen");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.InsertTextAsync("Groß-Öztürk");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.InsertTextAsync("Stadt Mülheim an der Ruhr");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.InsertTextAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator($"#category-{form.GetProperty("categories")[0].GetProperty("id").GetInt32()}")).ToBeCheckedAsync();
        await page.Locator("#privacyAccepted").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#privacyAccepted")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#contactSharing")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("button[type=submit]")).ToBeFocusedAsync(); // the honeypot is not in the tab order
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lang == "en" ? "Please check your inbox" : "Bitte prüfen Sie Ihr Postfach");
        await AxeAsync(page, $"registration sent ({lang})");
        var registration = await app.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Email == email, TestContext.Current.CancellationToken));
        Assert.Equal(("Jürgen", "Groß-Öztürk", "Stadt Mülheim an der Ruhr", lang), (registration.FirstName, registration.LastName, registration.Organization, registration.Language));

        // The link from the mail, opened in the browser: a button confirms, and both pages pass axe.
        var mail = (await Eventually.Async(() => Task.FromResult(app.Sink.To(email)), m => m.Count > 0, "the confirmation mail"))[0].Message();
        Assert.Equal(lang == "en" ? "Please confirm your registration: dikomm Test" : "Bitte bestätigen Sie Ihre Anmeldung: dikomm Test", mail.Subject);
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", "https://\\S+/confirm\\?t=\\S+").Value);
        await page.GotoAsync(new Uri(app.BaseAddress, link.PathAndQuery).ToString());
        await AxeAsync(page, $"confirmation prompt ({lang})");
        await page.Locator("button[type=submit]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lang == "en" ? "Registration confirmed" : "Anmeldung bestätigt");
        await AxeAsync(page, $"registration confirmed ({lang})");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"register-confirmed-{lang}.png"), FullPage = true });
        Assert.True(await app.WithDbAsync(db => db.Attendees.AnyAsync(a => a.Email == email && a.LastName == "Groß-Öztürk")));
    }
}
