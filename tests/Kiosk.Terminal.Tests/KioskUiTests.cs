using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// The kiosk screen in headless Debian chromium (Playwright), against a real terminal host and server.
/// Screenshots land in the test output folder under "screenshots" for a person to look at.
/// </summary>
public sealed class KioskUiTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private TerminalApp _terminal = null!;
    private KioskBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _browser = await KioskBrowser.LaunchAsync();
        if (_browser.Browser is null) return;
        _fair = await Fair.OpenAsync(server);
        _terminal = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id)).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (_terminal is not null) await _terminal.DisposeAsync();
    }

    private async Task<IPage> OpenKioskAsync(int width = 1080, int height = 1920)
    {
        var page = await _browser.OpenAsync(_terminal.Local.BaseAddress!, width, height);
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        return page;
    }

    private static Task ShotAsync(IPage page, string name) => KioskBrowser.ShotAsync(page, name);

    [Fact]
    public async Task A_badge_scanned_on_the_start_screen_greets_the_visitor_and_shows_the_printed_badge()
    {
        var page = await OpenKioskAsync();
        await ShotAsync(page, "kiosk-start-portrait");

        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync("A-1"));

        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Dr. Anna Müller");
        await Assertions.Expect(page.GetByTestId("badge-preview")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=badge-preview]'); return i && i.complete && i.naturalWidth > 0; }");
        await ShotAsync(page, "kiosk-welcome-portrait");
    }

    [Fact]
    public async Task A_scan_held_back_by_a_busy_PC_and_handed_over_at_once_is_still_one_scan()
    {
        var page = await OpenKioskAsync();
        // The scanner sends half the code; the PC is busy for 250 ms (no timer of the page runs), then hands over the rest
        // at once: the gap between two keys is far longer than a scanner's, yet the page never had a moment to see a pause.
        await page.EvaluateAsync(
            """
            code => {
              const send = (key) => document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
              const half = code.length >> 1;
              for (const key of code.slice(0, half)) send(key);
              const until = performance.now() + 250;
              while (performance.now() < until) { }
              for (const key of [...code.slice(half), 'Enter']) send(key);
            }
            """, await _fair.TokenAsync("A-1"));

        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Dr. Anna Müller");
        Assert.Equal(1, await _terminal.PrintJobCountAsync());
    }

    [Fact]
    public async Task A_visitor_finds_their_name_on_the_touch_keyboard_and_proves_it_with_their_e_mail()
    {
        var page = await OpenKioskAsync(1920, 1080);
        await ShotAsync(page, "kiosk-start-landscape");
        await page.GetByTestId("start-search").ClickAsync();
        foreach (var key in new[] { "Z", "O", "E" })
            await page.Locator($"[data-testid=keyboard-key][data-key='{key}']").ClickAsync();

        var match = page.GetByTestId("search-result");
        await Assertions.Expect(match).ToHaveCountAsync(1);
        await Assertions.Expect(match).ToContainTextAsync("Zoë Ö.");
        await ShotAsync(page, "kiosk-search");
        await match.ClickAsync();

        await Assertions.Expect(page.GetByTestId("screen-second-factor")).ToBeVisibleAsync();
        foreach (var key in "zoe@waz.example".Select(c => c.ToString()))
            await page.Locator($"[data-testid=keyboard-key][data-key='{key}']").ClickAsync();
        await ShotAsync(page, "kiosk-second-factor");
        await page.GetByTestId("second-factor-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Zoë Öztürk");
    }

    [Fact]
    public async Task A_visitor_whose_badge_jammed_presses_print_again_once_when_the_event_allows_it()
    {
        Assert.SkipWhen(_browser.Browser is null, "Chromium is not installed (/usr/bin/chromium).");
        (await _fair.Organizer.PatchAsJsonAsync($"/api/events/{_fair.Event.Id}/settings", new { selfServiceReprint = true })).EnsureSuccessStatusCode();
        var state = _terminal.Services.GetRequiredService<Kiosk.Terminal.Offline.TerminalState>();
        await Eventually.Async(() => Task.FromResult(state.Profile?.SelfServiceReprint == true), on => on, "the kiosk to hear of the setting");

        var page = await OpenKioskAsync();
        var token = await _fair.TokenAsync("A-4");
        await KioskBrowser.ScanAsync(page, token);
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Zoë Öztürk");
        await page.GetByTestId("done").ClickAsync();

        _terminal.Clock.Advance(TimeSpan.FromSeconds(30));
        await KioskBrowser.ScanAsync(page, token);
        await Assertions.Expect(page.GetByTestId("screen-already")).ToBeVisibleAsync();
        await ShotAsync(page, "kiosk-already-reprint-offer");
        await page.GetByTestId("self-reprint").ClickAsync();

        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Zoë Öztürk");
        await Assertions.Expect(page.GetByTestId("print-status")).ToBeVisibleAsync();
        Assert.Equal(2, await _terminal.PrintJobCountAsync());
    }

    [Fact]
    public async Task An_idle_screen_warns_with_a_countdown_then_returns_to_start_leaving_no_name_behind()
    {
        var page = await OpenKioskAsync();
        await page.Clock.InstallAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync("A-3"));
        await Assertions.Expect(page.GetByTestId("screen-welcome")).ToBeVisibleAsync();
        await page.GetByTestId("done").ClickAsync();
        await page.GetByTestId("start-search").ClickAsync();
        await page.Locator("[data-testid=keyboard-key][data-key='W']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-search")).Not.ToContainTextAsync("null");

        await page.Clock.RunForAsync(31_000);
        await Assertions.Expect(page.GetByTestId("idle-overlay")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("idle-countdown")).ToBeVisibleAsync();
        await ShotAsync(page, "kiosk-idle");
        await page.Clock.RunForAsync(11_000);

        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        Assert.DoesNotContain("Sören", await page.ContentAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
    }

    [Fact]
    public async Task The_screen_switches_to_English_at_a_touch()
    {
        var page = await OpenKioskAsync();
        await page.GetByTestId("language-toggle").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByTestId("start-search")).ToContainTextAsync("name", new() { IgnoreCase = true });
        await ShotAsync(page, "kiosk-start-english");
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public async Task The_start_and_welcome_screens_break_no_WCAG_2_1_AA_rule(string language)
    {
        Assert.SkipWhen(_browser.Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var page = await _browser.OpenAsync(_terminal.Local.BaseAddress!, 1080, 1920);
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        if (language == "en") await page.GetByTestId("language-toggle").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await AssertNoViolationsAsync(page, $"start ({language})");

        // The toggle is named by what it shows; what a press does is its description, in the screen's language.
        var toggle = page.GetByTestId("language-toggle");
        await Assertions.Expect(toggle).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^DE\\s*EN$"));
        await Assertions.Expect(toggle).ToHaveAccessibleDescriptionAsync(language == "en" ? "Language: English. Tap for German." : "Sprache: Deutsch. Tippen für Englisch.");

        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync(language == "en" ? "A-2" : "A-1"));
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=badge-preview]'); return i && i.complete && i.naturalWidth > 0; }");
        await AssertNoViolationsAsync(page, $"welcome ({language})");
    }

    [Fact]
    public async Task Visitors_may_zoom_the_kiosk_page()
    {
        Assert.SkipWhen(_browser.Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var page = await _browser.OpenAsync(_terminal.Local.BaseAddress!, 1080, 1920);
        var viewport = await page.Locator("meta[name=viewport]").GetAttributeAsync("content");
        Assert.DoesNotContain("user-scalable=no", viewport);
        Assert.DoesNotContain("maximum-scale", viewport);
    }

    private static Task AssertNoViolationsAsync(IPage page, string screen) => PageAxe.AssertNoViolationsAsync(page, screen);
}
