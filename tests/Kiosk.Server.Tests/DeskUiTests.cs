using System.Net.Http.Json;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests;

/// <summary>The help desk in headless Debian chromium against the real server: a staff member finds, corrects and checks in.</summary>
public sealed class DeskUiTests(KioskApp app) : BrowserTest, IClassFixture<KioskApp>
{
    [Fact]
    public async Task Staff_find_juergen_gross_by_gross_correct_his_organization_and_check_him_in()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var juergen = await fair.AttendeeAsync("A-2");
        var user = $"desk{Guid.NewGuid():N}"[..12];
        var response = await fair.Organizer.PostAsJsonAsync("/api/users", new Kiosk.Server.Staff.NewAccountRequest(user, "staff-password-1", "Staff"), Json.Options);
        response.EnsureSuccessStatusCode();

        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        // Straight to the sign-in page with the desk as return address (the redirect there is the door page tests' part).
        await page.GotoAsync(new Uri(app.BaseAddress, $"/login/?return=/desk/%3Fevent%3D{fair.Event.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync(user);
        await page.GetByTestId("login-password").FillAsync("staff-password-1");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/desk/**");

        await page.GetByTestId("search-input").FillAsync("gross");
        await page.GetByTestId("search-input").PressAsync("Enter");
        var hit = page.Locator($"[data-testid=search-results] [data-attendee-id='{juergen.Id}']");
        // The first search of an event builds its name index: allow for a busy machine.
        await Assertions.Expect(hit).ToContainTextAsync("Jürgen Groß");
        await Assertions.Expect(hit).ToContainTextAsync("Nicht eingecheckt");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-search.png") });
        Assert.DoesNotContain("gross", page.Url, StringComparison.OrdinalIgnoreCase);

        await hit.ClickAsync();
        var panel = page.GetByTestId("attendee-panel");
        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("Jürgen Groß");
        await Assertions.Expect(page.GetByTestId("attendee-status")).ToHaveTextAsync("Nicht eingecheckt");
        // Data subject requests are the organizers' (the routes refuse staff too).
        await Assertions.Expect(page.Locator("#privacy-acts")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Korrigieren" }).ClickAsync();
        var dialog = page.Locator("#dialog");
        await dialog.Locator("[name=organization]").FillAsync("Kreis Recklinghausen – Stabsstelle Digitalisierung");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(dialog.Locator("#dialog-error")).ToHaveTextAsync("Bitte einen Grund angeben.");
        await page.GetByTestId("dialog-reason").FillAsync("Organisation laut Visitenkarte");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveTextAsync("Korrektur gespeichert.");
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveAttributeAsync("data-kind", "ok");
        await Assertions.Expect(panel.Locator("#attendee-org")).ToHaveTextAsync("Kreis Recklinghausen – Stabsstelle Digitalisierung");

        await page.GetByTestId("act-checkin").ClickAsync();
        await page.GetByTestId("dialog-reason").FillAsync("Badge zu Hause vergessen");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveTextAsync("Eingecheckt.");
        await Assertions.Expect(page.GetByTestId("attendee-status")).ToContainTextAsync($"von {user} (Help-Desk)");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check-in zurücknehmen" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-attendee.png"), FullPage = true });

        await Assertions.Expect(hit).ToContainTextAsync("Stabsstelle Digitalisierung");
        await Assertions.Expect(hit).ToContainTextAsync("Eingecheckt");

        // A refusal shows the server's problem detail, in the dialog and in the message line.
        await page.GetByRole(AriaRole.Button, new() { Name = "Korrigieren" }).ClickAsync();
        await dialog.Locator("[name=lastName]").FillAsync("  ");
        await page.GetByTestId("dialog-reason").FillAsync("Test");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveAttributeAsync("data-kind", "error");
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveTextAsync("Fehler: lastName must not be empty.");
        await Assertions.Expect(dialog.Locator("#dialog-error")).ToHaveTextAsync("Fehler: lastName must not be empty.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abbrechen" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        var stored = await fair.AttendeeAsync("A-2");
        Assert.NotNull(stored.CheckedInAt);
        Assert.Equal("Kreis Recklinghausen – Stabsstelle Digitalisierung", stored.Organization);
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.AttendeeId == juergen.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["attendee.corrected", "checkin.manual"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(user, a.Actor, ignoreCase: true));
        Assert.Contains("organization", audit[0].Details);
        Assert.DoesNotContain("Stabsstelle", audit[0].Details);
        var storage = await page.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        Assert.DoesNotContain("gro", storage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Jürgen", storage);
    }

    [Fact]
    public async Task Organizers_also_see_the_audit_log_and_the_conflicts_in_either_language()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var anna = await fair.AttendeeAsync("A-1");
        // Two kiosks offline at the same time both printed Zoë's badge.
        var zoe = await fair.TokenAsync("A-4");
        foreach (var kiosk in new[] { "Eingang Nord 1", "Eingang Süd 2" })
        {
            var (client, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, kiosk);
            (await client.PostAsJsonAsync("/api/checkins", new Kiosk.Shared.Contracts.CheckInRequest(zoe, null, Guid.NewGuid(), DateTimeOffset.UtcNow, BadgePrinted: true), Json.Options)).EnsureSuccessStatusCode();
        }
        (await fair.Organizer.PostAsJsonAsync($"/api/attendees/{anna.Id}/badge/reissue", new { reason = "Badge verloren" })).EnsureSuccessStatusCode();

        var page = await OpenDeskAsOrganizerAsync(fair);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit-Protokoll" }).ClickAsync();
        var row = page.Locator("#audit-rows tr").First;
        await Assertions.Expect(row).ToContainTextAsync("badge.reissued");
        await Assertions.Expect(row).ToContainTextAsync("Badge verloren");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-audit.png") });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Konflikte" }).ClickAsync();
        await Assertions.Expect(page.Locator("#conflicts")).ToHaveTextAsync("Keine Konflikte.");
        var printedTwice = page.Locator("#checkin-conflicts li");
        await Assertions.Expect(printedTwice).ToContainTextAsync("Eingang Süd 2 · Zoë Öztürk · Ausweis zweimal gedruckt");
        await printedTwice.GetByRole(AriaRole.Button, new() { Name = "Als geprüft markieren" }).ClickAsync();
        await page.GetByTestId("dialog-reason").FillAsync("Zweiten Ausweis eingezogen");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(printedTwice).ToContainTextAsync("Zweiten Ausweis eingezogen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-conflicts.png") });

        await page.Locator("[data-testid=language-toggle] button[data-lang=en]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#conflicts")).ToHaveTextAsync("No conflicts.");
        await Assertions.Expect(printedTwice).ToContainTextAsync("badge printed twice");
    }

    [Fact]
    public async Task An_organizer_downloads_a_persons_data_and_erases_it_on_request()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var zoe = await fair.AttendeeAsync("A-4");
        var page = await OpenDeskAsOrganizerAsync(fair);
        await page.GetByTestId("search-input").FillAsync("öztürk");
        await page.GetByTestId("search-input").PressAsync("Enter");
        await page.Locator($"[data-testid=search-results] [data-attendee-id='{zoe.Id}']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("attendee-panel").Locator("h2")).ToHaveTextAsync("Zoë Öztürk");

        // Art. 15: one click downloads everything stored about her.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("act-export").ClickAsync());
        Assert.Equal($"attendee-{zoe.Id}-personal-data.json", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("Öztürk", exported);

        // Art. 17: warned first, a reason without names, then nothing of her is left to change or print.
        await page.GetByTestId("act-erase").ClickAsync();
        await Assertions.Expect(page.Locator("#dialog-warning")).ToContainTextAsync("sofort und endgültig gelöscht");
        await page.GetByTestId("dialog-reason").FillAsync("Anfrage vom 20.11., Ticket 4711");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-erase-dialog.png") });
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk-message")).ToHaveTextAsync("Personenbezogene Daten gelöscht.");
        await Assertions.Expect(page.GetByTestId("attendee-status")).ToContainTextAsync("Personenbezogene Daten gelöscht am");
        await Assertions.Expect(page.GetByTestId("attendee-panel").Locator("h2")).Not.ToContainTextAsync("Öztürk");
        foreach (var act in new[] { "Am Kiosk nachdrucken", "Korrigieren", "Neu ausstellen", "Manuell einchecken" })
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = act })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("act-erase")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#badge-picture")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "desk-erased.png"), FullPage = true });

        var stored = await fair.AttendeeAsync(zoe.Id);
        Assert.NotNull(stored.AnonymisedAt);
        Assert.DoesNotContain("Öztürk", stored.LastName);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditLog.CountAsync(a => a.AttendeeId == zoe.Id && a.Action == "privacy.exported")));
    }

    /// <summary>The desk in German on a laptop screen, signed in as the organizer through the sign-in page.</summary>
    private async Task<IPage> OpenDeskAsOrganizerAsync(Fair fair)
    {
        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        await page.GotoAsync(new Uri(app.BaseAddress, $"/login/?return=/desk/%3Fevent%3D{fair.Event.Id}").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/desk/**");
        return page;
    }
}
