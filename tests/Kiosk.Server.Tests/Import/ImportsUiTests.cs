using System.Text;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests.Import;

/// <summary>The organizer's import page in headless Debian chromium against the real server.</summary>
public sealed class ImportsUiTests(KioskApp app) : BrowserTest, IClassFixture<KioskApp>
{
    [Fact]
    public async Task An_organizer_signs_in_tries_the_roster_then_imports_it_and_sees_the_counts()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer, "dikomm 2026 – Großveranstaltung");
        var roster = Encoding.UTF8.GetBytes(Fair.Roster + "\nA-5;;;;;;\n");

        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        await page.GotoAsync(new Uri(app.BaseAddress, $"/imports/?event={evt.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-event")).ToHaveValueAsync(evt.Id.ToString());
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "anmeldungen.csv", MimeType = "text/csv", Buffer = roster });

        await page.GetByTestId("import-dry-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-created")).ToHaveTextAsync("4");
        await Assertions.Expect(page.GetByTestId("import-rejected")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("rejected-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("rejected-row").Locator("td").First).ToHaveTextAsync("6");
        await Assertions.Expect(page.GetByTestId("rejected-row").Locator("td").Last).ToHaveTextAsync("Der Name fehlt.");
        await Assertions.Expect(page.GetByTestId("import-progress-text")).ToContainTextAsync("nichts geändert");
        Assert.Equal(0, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == evt.Id)));

        await page.GetByTestId("import-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-progress-text")).ToHaveTextAsync("Fertig: 5 Zeilen verarbeitet.");
        await Assertions.Expect(page.GetByTestId("import-created")).ToHaveTextAsync("4");
        await Assertions.Expect(page.GetByTestId("mail-waiting")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("#mail-off")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "imports-de.png"), FullPage = true });
        Assert.Equal(4, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == evt.Id)));

        await page.GetByTestId("language-toggle").Locator("button[data-lang=en]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-progress-text")).ToHaveTextAsync("Done: 5 rows processed.");
        await Assertions.Expect(page.GetByTestId("rejected-row").Locator("td").Last).ToHaveTextAsync("The name is missing.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "imports-en.png"), FullPage = true });
    }
    [Fact(Timeout = 240_000)]
    public async Task An_organizer_maps_unknown_columns_and_a_category_word_in_the_preview_by_keyboard_and_the_import_reads_with_them()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer, "dikomm 2026 – Zuordnung");
        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        await page.GotoAsync(new Uri(app.BaseAddress, $"/imports/?event={evt.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-event")).ToHaveValueAsync(evt.Id.ToString());

        // Choosing the file shows the preview: the columns as read, the first rows, and no name column yet.
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "export.csv", MimeType = "text/csv", Buffer = ImportMappingTests<KioskApp>.OddExport });
        await Assertions.Expect(page.GetByTestId("import-preview")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("preview-error")).ToContainTextAsync("Keine Spalte ist als Name zugeordnet");
        await Assertions.Expect(page.Locator("#preview-rows tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#preview-rows tr").First.Locator("td").Nth(2)).ToHaveTextAsync("Yılmaz");
        await PageAxe.AssertNoViolationsAsync(page, "import preview");

        // By keyboard: each column's field is a select with the column's name.
        async Task ChooseAsync(string header, string label)
        {
            var select = page.GetByRole(AriaRole.Combobox, new() { Name = $"Spalte „{header}“ enthält" });
            await select.FocusAsync();
            await select.SelectOptionAsync(new SelectOptionValue { Label = label });
        }
        await ChooseAsync("Kennung", "ID (Anmeldenummer)");
        await ChooseAsync("Name der Person", "Nachname");
        await ChooseAsync("Teilnahmeart", "Kategorie");
        await page.GetByTestId("save-mapping").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("preview-summary")).ToHaveTextAsync("Zuordnung gespeichert. 3 Zeilen würden importiert, 0 abgelehnt.");
        await Assertions.Expect(page.GetByTestId("preview-error")).ToBeHiddenAsync();
        var word = page.GetByLabel("„Mandatsträger“ (2 Zeilen)");
        await Assertions.Expect(word).ToHaveValueAsync("Visitor");
        await word.SelectOptionAsync(new SelectOptionValue { Label = "Referent" });
        await PageAxe.AssertNoViolationsAsync(page, "import preview with choices");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "imports-preview-de.png"), FullPage = true });

        // Importing saves the choice not saved yet, and reads with it.
        await page.GetByTestId("import-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-progress-text")).ToHaveTextAsync("Fertig: 3 Zeilen verarbeitet.", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByLabel("„Mandatsträger“")).ToHaveValueAsync("Speaker");
        var speakers = await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == evt.Id && a.Category == Kiosk.Shared.Badges.AttendeeCategory.Speaker)
            .OrderBy(a => a.ExternalId).Select(a => a.ExternalId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["K-1", "K-3"], speakers);
    }
}
