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
        // Two master classes on the form: one already full (its choice is a waitlist place), one with seats.
        var (full, open) = (await SessionAsync(fair, "KI-Assistenz im Bürgeramt", capacity: 1, hours: 48), await SessionAsync(fair, "Open Data für Kommunen", capacity: 30, hours: 52));
        (await fair.Organizer.PostAsJsonAsync($"/api/sessions/{full}/bookings", new Kiosk.Server.Rooms.BookingRequest([(await fair.AttendeeAsync("A-1")).Id]), Json.Options)).EnsureSuccessStatusCode();
        var saved = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", FormWith(RegistrationTests<RegistrationKioskApp>.Form(
            new { name = "Öffentliche Verwaltung", nameEn = "Public administration", badgeCategory = "Visitor" },
            new { name = "Presse", nameEn = "Press", badgeCategory = "Press", needsApproval = true }), full, open));
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
        await Assertions.Expect(page.Locator(".rg-already a")).ToHaveAttributeAsync("href", $"/register/{fair.Event.Id}/me/link?lang={lang}");
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
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator($"#session-{full}")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator($"#session-{open}")).ToBeCheckedAsync();
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
        await Assertions.Expect(page.Locator(".rg-choices li")).ToHaveTextAsync(lang == "en"
            ? ["KI-Assistenz im Bürgeramt: fully booked, you are number 1 on the waitlist. If a seat becomes free, we will write to you.", "Open Data für Kommunen: your seat is booked."]
            : ["KI-Assistenz im Bürgeramt: ausgebucht, Sie stehen auf Platz 1 der Warteliste. Wird ein Platz frei, schreiben wir Ihnen.", "Open Data für Kommunen: Ihr Platz ist gebucht."]);
        await AxeAsync(page, $"registration confirmed ({lang})");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"register-confirmed-{lang}.png"), FullPage = true });
        Assert.True(await app.WithDbAsync(db => db.Attendees.AnyAsync(a => a.Email == email && a.LastName == "Groß-Öztürk")));
    }

    [Fact(Timeout = 240_000)]
    public async Task Free_seats_on_the_form_follow_the_bookings_while_it_is_open_and_the_seat_offer_pages_pass_axe()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var session = await SessionAsync(fair, "Digitale Bauakte", capacity: 2, hours: 30);
        var saved = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", FormWith(RegistrationTests<RegistrationKioskApp>.Form(), session));
        saved.EnsureSuccessStatusCode();
        var (anna, juergen, soeren) = ((await fair.AttendeeAsync("A-1")).Id, (await fair.AttendeeAsync("A-2")).Id, (await fair.AttendeeAsync("A-3")).Id);

        // The page's clock is held, so the refresh every 15 s runs when the test says, not when the machine gets round to it.
        await using var context = await Browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 1200 }, Locale = "de-DE" });
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, $"/register/{fair.Event.Id}/").ToString());
        var seats = page.Locator($"#session-{session}-seats");
        await Assertions.Expect(seats).ToHaveTextAsync("noch 2 Plätze frei");
        await Book(anna);
        await page.Clock.RunForAsync(15_000);
        await Assertions.Expect(seats).ToHaveTextAsync("noch 1 Platz frei");
        await Book(juergen, soeren);
        await page.Clock.RunForAsync(15_000);
        await Assertions.Expect(seats).ToHaveTextAsync("ausgebucht – Warteliste");

        // A seat freed: Sören's offer mail, its page (take or give up) and the answer, by keyboard, through axe.
        (await fair.Organizer.DeleteAsync($"/api/sessions/{session}/bookings/{anna}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var mail = (await Eventually.Async(() => Task.FromResult(app.Sink.To("soeren@rathaus-digital.example").Select(m => m.Message())
            .Where(m => (m.TextBody ?? "").Contains($"/register/{fair.Event.Id}/seat?", StringComparison.Ordinal)).ToList()), m => m.Count > 0, "the seat offer"))[0];
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", "https://\\S+/seat\\?t=\\S+").Value);
        var offer = await context.NewPageAsync();
        await offer.GotoAsync(new Uri(app.BaseAddress, link.PathAndQuery).ToString());
        await Assertions.Expect(offer.Locator("h1")).ToHaveTextAsync("Ein Platz ist für Sie frei");
        await PageAxe.AssertNoViolationsAsync(offer, "seat offer");
        await offer.ScreenshotAsync(new() { Path = Path.Combine(Shots, "register-seat-offer.png"), FullPage = true });
        await offer.Locator("button[value=take]").FocusAsync();
        await offer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(offer.Locator("h1")).ToHaveTextAsync("Platz gebucht");
        await PageAxe.AssertNoViolationsAsync(offer, "seat taken");
        await offer.ScreenshotAsync(new() { Path = Path.Combine(Shots, "register-seat-taken.png"), FullPage = true });

        async Task Book(params int[] ids) =>
            (await fair.Organizer.PostAsJsonAsync($"/api/sessions/{session}/bookings", new Kiosk.Server.Rooms.BookingRequest(ids), Json.Options)).EnsureSuccessStatusCode();
    }

    [Theory(Timeout = 240_000)]
    [InlineData("de")]
    [InlineData("en")]
    public async Task Meine_Anmeldung_from_the_badge_mail_works_by_keyboard_and_passes_axe_in_every_state(string lang)
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var session = await SessionAsync(fair, "Digitale Bauakte", capacity: 1, hours: 30);
        (await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", FormWith(RegistrationTests<RegistrationKioskApp>.Form(), session))).EnsureSuccessStatusCode();
        var pattern = $"https://\\S+/register/{fair.Event.Id}/me\\?t=\\S+";
        var mail = (await Eventually.Async(() => Task.FromResult(app.Sink.To("anna.mueller@essen.example").Select(m => m.Message())
            .Where(m => System.Text.RegularExpressions.Regex.IsMatch(m.TextBody ?? "", pattern)).ToList()), m => m.Count > 0, "Anna's badge mail"))[0];
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", pattern).Value);

        await using var context = await Browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 1200 }, Locale = lang == "en" ? "en-GB" : "de-DE" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, $"{link.PathAndQuery}&lang={lang}").ToString(), new() { Timeout = 30_000 });
        TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
        Assert.DoesNotContain("t=", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lang == "en" ? "My registration" : "Meine Anmeldung");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        Assert.True(await page.Locator("img.rg-qr").EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "the badge QR shows");
        await PageAxe.AssertNoViolationsAsync(page, $"my registration ({lang})");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"my-registration-{lang}.png"), FullPage = true });

        // By keyboard: book the master class, correct the spelling, cancel; each answer passes axe.
        await page.Locator("input[value=book] ~ button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync(lang == "en" ? "Your seat in “Digitale Bauakte” is booked." : "Ihr Platz in „Digitale Bauakte“ ist gebucht.");
        await Assertions.Expect(page.Locator("a[href$='calendar.ics']")).ToBeVisibleAsync();
        await PageAxe.AssertNoViolationsAsync(page, $"my registration, booked ({lang})");
        await page.Locator("#lastName").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync("Mueller");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync(lang == "en" ? "Your name is corrected. The kiosks print it this way." : "Ihr Name ist korrigiert. Die Kiosks drucken ihn so.");
        await Assertions.Expect(page.Locator(".rg-person strong")).ToHaveTextAsync("Dr. Anna Mueller");
        await page.Locator("#confirm").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("input[value=cancel] ~ button")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync(lang == "en" ? "Your registration is cancelled." : "Ihre Anmeldung ist storniert.");
        await PageAxe.AssertNoViolationsAsync(page, $"my registration, cancelled ({lang})");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"my-registration-cancelled-{lang}.png"), FullPage = true });

        // Closing the page on a shared computer leads to the page that sends the link again.
        await page.Locator("form[action$='/me/close'] button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#email")).ToBeVisibleAsync();
        await PageAxe.AssertNoViolationsAsync(page, $"ask for the link ({lang})");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"my-registration-link-{lang}.png"), FullPage = true });
    }

    /// <summary>A master class in a room of its own, so many hours from now.</summary>
    private static async Task<int> SessionAsync(Fair fair, string title, int capacity, int hours)
    {
        var room = await fair.RoomAsync($"Raum {title}", 40);
        var starts = DateTimeOffset.UtcNow.AddHours(hours);
        var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new Kiosk.Server.Rooms.SessionRequest(title, starts, starts.AddMinutes(90), Capacity: capacity), Json.Options);
        return (await created.Content.ReadFromJsonAsync<Kiosk.Server.Rooms.SessionResponse>(Json.Options))!.Id;
    }

    private static System.Text.Json.Nodes.JsonObject FormWith(object form, params int[] sessionIds)
    {
        var node = JsonSerializer.SerializeToNode(form)!.AsObject();
        node["sessionIds"] = new System.Text.Json.Nodes.JsonArray([.. sessionIds.Select(id => (System.Text.Json.Nodes.JsonNode?)id)]);
        return node;
    }
}
