using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.Server.Events;
using Kiosk.Server.Rooms;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// The welcome screen's handout notes ("Bitte beachten", issue 13, point 4) in headless Debian chromium against a real
/// terminal host and server: shown under the welcome, spoken after it in order, axe-clean in German and English and
/// in high contrast, controls still low with the reach aid; a visitor without notes sees nothing extra.
/// </summary>
public sealed class HandoutNotesUiTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private const string CaptureSpeech = """
        window.__spoken = [];
        speechSynthesis.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang });
        speechSynthesis.cancel = () => {};
        """;

    private const string SpeakerNote = "Bitte Lanyard ‚Referent' am Counter 2 abholen";
    private const string SessionNote = "Unterlagen und Tablet am Counter 3";

    private static readonly TimeZoneInfo Essen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private Fair _fair = null!;
    private TerminalApp _terminal = null!;
    private KioskBrowser _browser = null!;
    private string _sessionAbout = "";

    public async ValueTask InitializeAsync()
    {
        _browser = await KioskBrowser.LaunchAsync();
        _fair = await Fair.OpenAsync(server);
        // Jürgen Groß (A-2) is a speaker with a master class later today (or at 23:00 when the day is almost over).
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Essen);
        var startLocal = local.Hour < 22 ? local.Date.AddHours(local.Hour + 1) : local.Date.AddHours(23).AddMinutes(30);
        var starts = new DateTimeOffset(startLocal, Essen.GetUtcOffset(startLocal)).ToUniversalTime();
        var room = await _fair.RoomAsync("Raum Ruhr", 40);
        var created = await _fair.Organizer.PostAsJsonAsync($"/api/events/{_fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new SessionRequest("KI in der Verwaltung", starts, starts.AddMinutes(90), HandoutNote: SessionNote), Json.Options);
        var session = (await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;
        var juergen = await _fair.AttendeeAsync("A-2");
        (await _fair.Organizer.PostAsJsonAsync($"/api/sessions/{session.Id}/bookings", new BookingRequest([juergen.Id]), Json.Options)).EnsureSuccessStatusCode();
        (await _fair.Organizer.PutAsJsonAsync($"/api/events/{_fair.Event.Id}/handouts/Speaker", new HandoutNoteRequest(SpeakerNote), Json.Options)).EnsureSuccessStatusCode();
        _sessionAbout = $"{startLocal:HH:mm}, Raum Ruhr, KI in der Verwaltung:";

        _terminal = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Eingang Hinweise"),
            new() { ["Terminal:IdleSeconds"] = "600" }).Start();
        await _terminal.ReadyAsync(attendees: 4);
        var state = _terminal.Services.GetRequiredService<TerminalState>();
        await Eventually.Async(() => Task.FromResult(state.Profile?.Handouts?.Count), n => n == 1, "the category note in the kiosk's profile");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (_terminal is not null) await _terminal.DisposeAsync();
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

    private static async Task WelcomeAsync(IPage page, string token, string name)
    {
        await KioskBrowser.ScanAsync(page, token);
        try
        {
            await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync(name);
        }
        catch (PlaywrightException e)
        {
            var shown = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('[data-testid^=screen-]')].filter(s => s.getClientRects().length).map(s => s.dataset.testid + ': ' + s.innerText.slice(0, 200)).join(' | ')");
            throw new Xunit.Sdk.XunitException($"no welcome for {name}; on screen: {shown}\n{e.Message}");
        }
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=badge-preview]'); return !i || (i.complete && i.naturalWidth > 0); }");
    }

    [Theory]
    [InlineData("de", "Bitte beachten", "Willkommen, Jürgen Groß", "Ihr Badge wird gedruckt")]
    [InlineData("en", "Please note", "Welcome, Jürgen Groß", "Your badge is being printed")]
    public async Task The_notes_are_shown_under_the_welcome_category_first_and_spoken_after_it_in_order(string language, string title, string welcome, string printing)
    {
        var page = await OpenAsync();
        if (language == "en") await page.GetByTestId("language-toggle").ClickAsync();
        await page.GetByTestId("aid-speech").ClickAsync();
        await WelcomeAsync(page, await _fair.TokenAsync("A-2"), "Jürgen Groß");

        var block = page.GetByTestId("handout-notes");
        await Assertions.Expect(block.Locator("h2")).ToHaveTextAsync(title);
        await Assertions.Expect(block.GetByTestId("handout-note")).ToHaveTextAsync([SpeakerNote, $"{_sessionAbout} {SessionNote}"]);
        // Below the welcome and above "Fertig".
        var (blockTop, statusTop, doneTop) = (await TopAsync(block), await TopAsync(page.GetByTestId("print-status")), await TopAsync(page.GetByTestId("done")));
        Assert.True(statusTop < blockTop && blockTop < doneTop, $"print status {statusTop}, notes {blockTop}, done {doneTop}");
        await KioskBrowser.ShotAsync(page, $"handouts-welcome-{language}");

        var spoken = await SpokenAsync(page);
        await File.WriteAllLinesAsync(Path.Combine(KioskBrowser.Shots, $"spoken-handouts-{language}.txt"), spoken);
        var at = Array.FindIndex(spoken, s => s.StartsWith(welcome, StringComparison.Ordinal));
        Assert.True(at >= 0, string.Join("\n", spoken));
        Assert.Equal([printing, title, SpeakerNote, $"{_sessionAbout} {SessionNote}"],
            spoken.Skip(at + 1).Where(s => !s.StartsWith("Bitte nehmen", StringComparison.Ordinal) && !s.StartsWith("Please take", StringComparison.Ordinal))
                .Select(s => s.StartsWith(printing, StringComparison.Ordinal) ? printing : s).Take(4));
    }

    [Theory]
    [InlineData("de", "")]
    [InlineData("en", "")]
    [InlineData("de", "contrast")]
    [InlineData("en", "contrast")]
    public async Task A_welcome_with_notes_breaks_no_WCAG_2_1_AA_rule(string language, string aid)
    {
        var page = await OpenAsync();
        if (language == "en") await page.GetByTestId("language-toggle").ClickAsync();
        if (aid != "") await page.GetByTestId($"aid-{aid}").ClickAsync();
        await WelcomeAsync(page, await _fair.TokenAsync("A-2"), "Jürgen Groß");
        await Assertions.Expect(page.GetByTestId("handout-note")).ToHaveCountAsync(2);
        await PageAxe.AssertNoViolationsAsync(page, $"welcome with notes ({language}, {(aid == "" ? "plain" : aid)})");
        if (aid == "contrast") await PageAxe.AssertNoViolationsAsync(page, $"welcome with notes ({language}, contrast, 7:1)", enhancedContrast: true);
        await KioskBrowser.ShotAsync(page, $"handouts-welcome-{language}-{(aid == "" ? "plain" : aid)}");
    }

    [Fact]
    public async Task With_controls_low_the_welcome_with_notes_keeps_every_control_in_the_lower_part_and_does_not_overflow()
    {
        var page = await OpenAsync(1080, 1920);
        await page.GetByTestId("aid-reach").ClickAsync();
        await WelcomeAsync(page, await _fair.TokenAsync("A-2"), "Jürgen Groß");
        await Assertions.Expect(page.GetByTestId("handout-note")).ToHaveCountAsync(2);
        await KioskBrowser.ShotAsync(page, "handouts-welcome-reach");
        var highest = await page.EvaluateAsync<JsonElement>("""
            () => {
              const all = [...document.querySelectorAll('button, input, a[href]')].filter(e => e.getClientRects().length && !e.closest('[hidden]'));
              const top = Math.min(...all.map(e => e.getBoundingClientRect().top));
              const overflow = document.documentElement.scrollWidth > innerWidth || [...document.querySelectorAll('.screen')].some(s => s.scrollHeight > s.clientHeight + 1);
              return { share: top / innerHeight, overflow };
            }
            """);
        Assert.True(highest.GetProperty("share").GetDouble() >= 0.4, $"the highest control starts at {highest.GetProperty("share").GetDouble():P0} of the screen height");
        Assert.False(highest.GetProperty("overflow").GetBoolean(), "the welcome with notes overflows with controls low");
    }

    [Fact]
    public async Task A_visitor_without_notes_sees_and_hears_nothing_extra()
    {
        var page = await OpenAsync();
        await page.GetByTestId("aid-speech").ClickAsync();
        await WelcomeAsync(page, await _fair.TokenAsync("A-1"), "Dr. Anna Müller");
        await Assertions.Expect(page.GetByTestId("handout-notes")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Bitte beachten", await SpokenAsync(page));
    }

    private static async Task<double> TopAsync(ILocator locator) => (await locator.BoundingBoxAsync())!.Y;
}
