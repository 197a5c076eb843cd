using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Badges;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests;

/// <summary>The organizer's handout notes page (/handouts/) in headless Debian chromium against the real server: keyboard, DE/EN, axe.</summary>
public sealed class HandoutsUiTests(KioskApp app) : BrowserTest, IClassFixture<KioskApp>
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task An_organizer_sets_a_category_and_a_session_note_by_keyboard_and_empties_one_again()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Raum Ruhr", 40);
        var starts = new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero); // 10:30 in Essen
        var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new SessionRequest("KI in der Verwaltung", starts, starts.AddMinutes(90)), Json.Options);
        var session = (await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;

        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1100 }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        await page.GotoAsync(new Uri(app.BaseAddress, $"/handouts/?event={fair.Event.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("handouts-event")).ToHaveValueAsync(fair.Event.Id.ToString());
        await Assertions.Expect(page.GetByLabel("Referenten")).ToBeVisibleAsync();
        var sessionField = page.GetByTestId($"handout-session-{session.Id}");
        await Assertions.Expect(page.Locator($"label[for=ses-{session.Id}]")).ToHaveTextAsync("Do., 03.12., 10:30 · Raum Ruhr · KI in der Verwaltung");
        await AssertAxeCleanAsync(page, "handouts (de)");

        // By keyboard: Tab to the speakers' field, type, Enter saves the form.
        await page.GetByTestId("handout-category-Exhibitor").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("handout-category-Speaker")).ToBeFocusedAsync();
        await page.Keyboard.InsertTextAsync("Bitte Lanyard ‚Referent' am Counter 2 abholen");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("handouts-categories-status")).ToHaveTextAsync("Gespeichert.");
        await sessionField.FocusAsync();
        await page.Keyboard.InsertTextAsync("Unterlagen am Counter 3");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("handouts-sessions-status")).ToHaveTextAsync("Gespeichert.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "handouts-de.png"), FullPage = true });

        Assert.Equal("Bitte Lanyard ‚Referent' am Counter 2 abholen", await app.WithDbAsync(db =>
            db.CategoryHandouts.Where(h => h.EventId == fair.Event.Id && h.Category == AttendeeCategory.Speaker).Select(h => h.Note).SingleAsync()));
        Assert.Equal("Unterlagen am Counter 3", await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).Select(s => s.HandoutNote).SingleAsync()));

        // After a reload the notes are there; emptying one removes it.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("handout-category-Speaker")).ToHaveValueAsync("Bitte Lanyard ‚Referent' am Counter 2 abholen");
        await Assertions.Expect(sessionField).ToHaveValueAsync("Unterlagen am Counter 3");
        await sessionField.FillAsync("");
        await page.GetByTestId("handouts-save-sessions").ClickAsync();
        await Assertions.Expect(page.GetByTestId("handouts-sessions-status")).ToHaveTextAsync("Gespeichert.");
        Assert.Null(await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == session.Id).Select(s => s.HandoutNote).SingleAsync()));

        await page.GetByTestId("language-toggle").Locator("button[data-lang=en]").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Speakers")).ToHaveValueAsync("Bitte Lanyard ‚Referent' am Counter 2 abholen");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Handout notes");
        await AssertAxeCleanAsync(page, "handouts (en)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "handouts-en.png"), FullPage = true });
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var axe = await page.RunAxe(WcagAa);
        var findings = string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} — " + string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString() ?? ""))));
        Assert.True(axe.Violations.Length == 0, $"axe-core on {what}:\n{findings}");
    }
}
