using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// The kiosk screens as axe-core (WCAG 2.1 A and AA rules) sees them in headless Debian chromium, against a real
/// terminal host and server. The first slice of issue 13: start and welcome, in German and English.
/// </summary>
public sealed class KioskAccessibilityTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

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

    private static async Task AssertNoViolationsAsync(IPage page, string screen)
    {
        var result = await page.RunAxe(WcagAa);
        var findings = string.Join("\n", result.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} — " +
            string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString() ?? ""))));
        Assert.True(result.Violations.Length == 0, $"axe-core on the {screen} screen:\n{findings}");
    }
}
