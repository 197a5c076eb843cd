using System.Text.Json;
using Kiosk.Terminal.Printing;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// The badge preview in Chromium, over a real TCP printer: "Drucken", the countdown's end, and "Fehler auf dem Badge?"
/// with the fields marked and this kiosk's help desk directions; axe-core on each new screen, in each language and aid.
/// </summary>
public sealed class BadgePreviewUiTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private const string CaptureSpeech = """
        window.__spoken = [];
        speechSynthesis.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
        speechSynthesis.cancel = () => {};
        """;
    private const string Directions = "Bitte gehen Sie zum Counter in Halle 3, gleich links – dort korrigieren wir Ihren Badge.";
    private const string DirectionsEn = "Please go to the counter in hall 3, on your left – we will correct your badge there.";
    private static readonly string Shots = Directory.CreateDirectory(Environment.GetEnvironmentVariable("KIOSK_PREVIEW_SHOTS") ?? KioskBrowser.Shots).FullName;

    private Fair _fair = null!;
    private CapturingPrinter _printer = null!;
    private TerminalApp _terminal = null!;
    private KioskBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _browser = await KioskBrowser.LaunchAsync();
        _fair = await Fair.OpenAsync(server);
        _printer = new CapturingPrinter();
        _terminal = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Eingang Halle 3"), new()
        {
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = _printer.Port.ToString(),
            // axe over a screen can outlast a 3 s countdown on a busy machine: the screen tests get a long one.
            ["Terminal:BadgePreviewSeconds"] = TestContext.Current.Test?.TestDisplayName.Contains("_screens_") == true ? "60" : "3",
            ["Terminal:IdleSeconds"] = "600",
            ["Terminal:HelpDeskDirections"] = Directions, ["Terminal:HelpDeskDirectionsEn"] = DirectionsEn,
        }).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _terminal.DisposeAsync();
        await _printer.DisposeAsync();
    }

    private async Task<IPage> OpenAsync(int width = 1080, int height = 1920)
    {
        var page = await _browser.OpenAsync(_terminal.Local.BaseAddress!, width, height);
        await page.AddInitScriptAsync(CaptureSpeech);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        return page;
    }

    private static async Task<string[]> SpokenAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>("() => window.__spoken.map(s => s.text)")).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private Task<int> CountAsync(PrintJobState state) => _terminal.Services.GetRequiredService<PrintJobs>().CountAsync(state);

    private static Task ShotAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}.png") });

    private async Task ScanToPreviewAsync(IPage page, string externalId)
    {
        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync(externalId));
        await Assertions.Expect(page.GetByTestId("screen-preview")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=badge-preview]'); return i && i.complete && i.naturalWidth > 0; }");
    }

    [Fact]
    public async Task Drucken_prints_the_badge_at_once_and_the_welcome_follows()
    {
        var page = await OpenAsync();
        await ScanToPreviewAsync(page, "A-1");
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Dr. Anna Müller");
        await Assertions.Expect(page.GetByTestId("preview-print")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("preview-countdown")).ToContainTextAsync("Druckt in");
        await ShotAsync(page, "preview-de-portrait");
        Assert.Equal(0, _printer.JobsPrinted);

        await page.Keyboard.PressAsync("Enter"); // the focused "Drucken"
        await Assertions.Expect(page.GetByTestId("screen-welcome")).ToBeVisibleAsync();
        Assert.Contains("M\u0081ller", System.Text.Encoding.Latin1.GetString(await _printer.NextJobAsync()));
        await Assertions.Expect(page.GetByTestId("print-status")).ToHaveTextAsync("Ihr Badge wird gedruckt …");
    }

    [Fact]
    public async Task Nobody_pressing_anything_prints_the_badge_when_the_countdown_ends()
    {
        var page = await OpenAsync(1920, 1080);
        await page.GetByTestId("language-toggle").ClickAsync();
        await ScanToPreviewAsync(page, "A-2");
        await Assertions.Expect(page.GetByTestId("preview-countdown")).ToContainTextAsync("Prints in");
        await ShotAsync(page, "preview-en-landscape");

        // The page counts down in its own time; the terminal's clock stands still, so the page's release prints it.
        await Assertions.Expect(page.GetByTestId("screen-welcome")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Contains("Gro\u00E1", System.Text.Encoding.Latin1.GetString(await _printer.NextJobAsync()));
        Assert.Equal(1, _printer.JobsPrinted);
    }

    [Fact]
    public async Task Fehler_auf_dem_Badge_by_keyboard_prints_nothing_sends_the_marked_fields_and_speaks_the_help_desk_directions()
    {
        var page = await OpenAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter"); // Enter twice: speech on
        await Assertions.Expect(page.GetByTestId("aid-speech")).ToHaveAttributeAsync("aria-pressed", "true");
        await ScanToPreviewAsync(page, "A-1");
        var spoken = string.Join(" | ", await SpokenAsync(page));
        Assert.Contains("Willkommen, Dr. Anna Müller", spoken);
        Assert.Contains("Bitte prüfen Sie Ihren Badge.", spoken);
        Assert.Contains("Auf Ihrem Badge steht: Dr. Anna Müller, Stadt Essen.", spoken);
        Assert.Contains("„Fehler auf dem Badge?“", spoken);

        await page.Keyboard.PressAsync("Tab"); // from "Drucken" to "Fehler auf dem Badge?"
        await Assertions.Expect(page.GetByTestId("preview-wrong")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("screen-badge-fix")).ToBeVisibleAsync();
        Assert.Contains("Was ist falsch?", string.Join(" | ", await SpokenAsync(page)));
        // Arrows walk to the first field (an arrow also keeps the next Enter from counting as Enter twice).
        for (var i = 0; i < 8 && await page.EvaluateAsync<string>("() => document.activeElement?.dataset.testid ?? ''") != "fix-name"; i++)
            await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByTestId("fix-name")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("fix-name")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByTestId("fix-organization")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("fix-organization")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("fix-title")).ToHaveAttributeAsync("aria-pressed", "false");
        await ShotAsync(page, "badge-fix-de-portrait");
        await page.GetByTestId("fix-send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("screen-badge-fixed")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nichts gedruckt.");
        await Assertions.Expect(page.GetByTestId("help-desk-directions")).ToHaveTextAsync(Directions);
        Assert.Contains(Directions, string.Join(" | ", await SpokenAsync(page)));
        Assert.DoesNotContain(await SpokenAsync(page), s => s.Contains("Druckt in"));
        Assert.DoesNotContain("Anna", await page.Locator("#screen").InnerTextAsync()); // nothing personal stays
        await ShotAsync(page, "badge-fixed-de-portrait");

        Assert.Equal((1, 0), (await CountAsync(PrintJobState.Cancelled), _printer.JobsPrinted));
        var anna = await _fair.AttendeeAsync("A-1");
        var request = await Eventually.Async(() => server.WithDbAsync(db => db.CorrectionRequests.Where(r => r.AttendeeId == anna.Id).ToListAsync()),
            r => r.Count == 1, "the correction request on the server");
        Assert.Equal(Kiosk.Shared.Contracts.BadgeFields.Name | Kiosk.Shared.Contracts.BadgeFields.Organization, request.Single().Fields);

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("de", "")]
    [InlineData("en", "")]
    [InlineData("de", "contrast")]
    [InlineData("en", "contrast")]
    [InlineData("de", "text")]
    [InlineData("en", "text")]
    [InlineData("de", "reach")]
    [InlineData("en", "reach")]
    public async Task The_preview_and_correction_screens_break_no_WCAG_2_1_AA_rule_in_each_language_and_aid(string language, string aid)
    {
        var page = await OpenAsync();
        var mode = aid == "" ? "plain" : aid;
        if (language == "en") await page.GetByTestId("language-toggle").ClickAsync();
        if (aid != "") await page.GetByTestId($"aid-{aid}").ClickAsync();

        async Task CheckAsync(string screen)
        {
            await PageAxe.AssertNoViolationsAsync(page, $"{screen} ({language}, {mode})");
            if (aid == "contrast") await PageAxe.AssertNoViolationsAsync(page, $"{screen} ({language}, {mode}, 7:1)", enhancedContrast: true);
            await ShotAsync(page, $"{screen}-{mode}-{language}");
        }

        await ScanToPreviewAsync(page, "A-3");
        await CheckAsync("preview");
        await Assertions.Expect(page.GetByTestId("screen-preview")).ToBeVisibleAsync(); // axe saw the preview, not what follows it
        await page.GetByTestId("preview-wrong").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-badge-fix")).ToBeVisibleAsync();
        await page.GetByTestId("fix-title").ClickAsync();
        await CheckAsync("badge-fix");
        await page.GetByTestId("back").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-preview")).ToBeVisibleAsync();
        await page.GetByTestId("preview-wrong").ClickAsync();
        await page.GetByTestId("fix-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-badge-fixed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("help-desk-directions")).ToHaveTextAsync(language == "en" ? DirectionsEn : Directions);
        await CheckAsync("badge-fixed");
    }

    [Theory]
    [InlineData("preview")]
    [InlineData("badge-fix")]
    [InlineData("badge-fixed")]
    public async Task Controls_low_puts_every_control_of_the_new_screens_in_the_lower_part_of_a_portrait_screen(string screen)
    {
        var page = await OpenAsync(1080, 1920);
        await page.GetByTestId("aid-reach").ClickAsync();
        await ScanToPreviewAsync(page, "A-1");
        if (screen != "preview")
        {
            await page.GetByTestId("preview-wrong").ClickAsync();
            if (screen == "badge-fixed") await page.GetByTestId("fix-send").ClickAsync();
        }
        await Assertions.Expect(page.GetByTestId($"screen-{screen}")).ToBeVisibleAsync();
        await ShotAsync(page, $"reach-{screen}");

        var highest = await page.EvaluateAsync<JsonElement>("""
            () => {
              const all = [...document.querySelectorAll('button, input, a[href]')].filter(e => e.getClientRects().length && !e.closest('[hidden]'));
              const top = Math.min(...all.map(e => e.getBoundingClientRect().top));
              const el = all.find(e => e.getBoundingClientRect().top === top);
              const overflow = document.documentElement.scrollWidth > innerWidth || [...document.querySelectorAll('.screen')].some(s => s.scrollHeight > s.clientHeight + 1);
              return { share: top / innerHeight, which: el.dataset.testid ?? el.className, overflow };
            }
            """);
        var share = highest.GetProperty("share").GetDouble();
        await File.WriteAllTextAsync(Path.Combine(Shots, $"reach-{screen}.txt"), $"{share:F3} {highest.GetProperty("which").GetString()}\n");
        Assert.True(share >= 0.4, $"{highest.GetProperty("which").GetString()} starts at {share:P0} of the screen height on {screen}");
        Assert.False(highest.GetProperty("overflow").GetBoolean(), $"the {screen} screen overflows with controls low");
    }
}
