using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// The kiosk for everyone, in headless Debian chromium against a real terminal host and server: axe-core over every
/// screen in each language and aid, speech output (the page's speech calls are captured), keyboard-only operation,
/// the controls-low layout, and the cap on the kiosk's own name search.
/// </summary>
public sealed class KioskAidsTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    /// <summary>Records what the page asks the speech synthesis to say, instead of saying it.</summary>
    private const string CaptureSpeech = """
        window.__spoken = [];
        speechSynthesis.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
        speechSynthesis.cancel = () => {};
        """;

    private Fair _fair = null!;
    private TerminalApp _terminal = null!;
    private KioskBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _browser = await KioskBrowser.LaunchAsync();
        _fair = await Fair.OpenAsync(server, walkIns: true);
        // Zoë Öztürk (press) is welcomed with a handout note on every screen walk: axe checks the "Bitte beachten" block too.
        (await _fair.Organizer.PutAsJsonAsync($"/api/events/{_fair.Event.Id}/handouts/Press", new { note = "Pressemappe und Foto-Weste am Infostand Halle 3" })).EnsureSuccessStatusCode();
        _terminal = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Eingang Barrierefrei"),
            new()
            {
                ["Speech:Rate"] = "1.2", ["Terminal:SearchesPerMinute"] = "12", ["Terminal:SearchesPerSession"] = "5",
                // axe over a whole visit takes longer than 30 s on a busy machine: only the idle test waits for the warning (10 s)
                // Long enough that no screen moves on while axe and the screenshots look at it, however slow the machine;
                // the idle test moves the page's own clock on instead of waiting.
                ["Terminal:IdleSeconds"] = "600", ["Terminal:ResultSeconds"] = "600",
            }).Start();
        await _terminal.ReadyAsync(attendees: 4);
        await Eventually.Async(_terminal.StateAsync, s => s.AllowsWalkIns, "walk-in badges in stock");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (_terminal is not null) await _terminal.DisposeAsync();
    }

    private async Task<IPage> OpenAsync(int width = 1080, int height = 1920, bool ownClock = false)
    {
        var page = await _browser.OpenAsync(_terminal.Local.BaseAddress!, width, height);
        await page.AddInitScriptAsync(CaptureSpeech);
        // The page's timers on a clock the test moves on (it still runs at its own pace in between).
        if (ownClock) await page.Clock.InstallAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        return page;
    }

    private static async Task<string[]> SpokenAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>("() => window.__spoken.map(s => s.text)")).EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>
    /// A person typing on a German keyboard, one key every 120 ms. Playwright's keyboard knows only the US layout
    /// (it would insert "ä" as text, with no key press), so letters outside it are pressed from inside the page.
    /// </summary>
    private static async Task TypeAsync(IPage page, string text)
    {
        foreach (var c in text)
        {
            if (char.IsAscii(c)) await page.Keyboard.PressAsync(c.ToString());
            else await page.EvaluateAsync("key => document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))", c.ToString());
            await Task.Delay(120);
        }
    }

    /// <summary>Touches the on-screen keyboard's keys, one per character.</summary>
    private static async Task PressKeysAsync(IPage page, string text)
    {
        foreach (var c in text) await page.Locator($"[data-testid=keyboard-key][data-key='{c}']").ClickAsync();
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
    public async Task Every_visitor_screen_breaks_no_WCAG_2_1_AA_rule_in_each_language_and_aid(string language, string aid)
    {
        var page = await OpenAsync();
        var mode = aid == "" ? "plain" : aid;
        if (language == "en") await page.GetByTestId("language-toggle").ClickAsync();
        if (aid != "") await page.GetByTestId($"aid-{aid}").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);

        async Task CheckAsync(string screen)
        {
            await PageAxe.AssertNoViolationsAsync(page, $"{screen} ({language}, {mode})");
            if (aid == "contrast") await PageAxe.AssertNoViolationsAsync(page, $"{screen} ({language}, {mode}, 7:1)", enhancedContrast: true);
            await KioskBrowser.ShotAsync(page, $"aids-{mode}-{language}-{screen}");
        }

        await CheckAsync("start");

        await page.GetByTestId("start-search").ClickAsync();
        await PressKeysAsync(page, "ZOE");
        await Assertions.Expect(page.GetByTestId("search-result")).ToHaveCountAsync(1);
        await CheckAsync("search");

        await page.GetByTestId("search-result").ClickAsync();
        await PressKeysAsync(page, "x@y");
        await page.GetByTestId("second-factor-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#sf-message")).Not.ToBeEmptyAsync();
        await CheckAsync("second-factor");

        await page.Locator("[data-testid=keyboard-key][data-key='clear']").ClickAsync();
        await PressKeysAsync(page, "zoe@waz.example");
        await page.GetByTestId("second-factor-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Zoë Öztürk");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=badge-preview]'); return !i || (i.complete && i.naturalWidth > 0); }");
        await Assertions.Expect(page.GetByTestId("handout-note")).ToHaveTextAsync(["Pressemappe und Foto-Weste am Infostand Halle 3"]);
        await CheckAsync("welcome");
        await page.Keyboard.PressAsync("Escape"); // "Fertig" (unless the welcome screen timed out already)
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();

        if (language == "en") await page.GetByTestId("language-toggle").ClickAsync();
        if (aid != "") await page.GetByTestId($"aid-{aid}").ClickAsync();
        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync("A-4"));
        await Assertions.Expect(page.GetByTestId("screen-already")).ToBeVisibleAsync();
        await CheckAsync("already");

        await KioskBrowser.ScanAsync(page, "KB0000000000THISISNOBADGE");
        await Assertions.Expect(page.GetByTestId("screen-refusal")).ToBeVisibleAsync();
        await CheckAsync("refusal");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();

        if (language == "en") await page.GetByTestId("language-toggle").ClickAsync();
        if (aid != "") await page.GetByTestId($"aid-{aid}").ClickAsync();
        await page.GetByTestId("start-walkin").ClickAsync();
        await PressKeysAsync(page, "JUTTA");
        await page.GetByTestId("walkin-lastName").ClickAsync();
        await PressKeysAsync(page, "SCHÄFER");
        await page.GetByTestId("walkin-consent").CheckAsync();
        await CheckAsync("walk-in");
    }

    [Fact]
    public async Task A_blind_visitor_checks_in_by_keyboard_alone_and_hears_every_step_in_order()
    {
        var page = await OpenAsync();
        var keyboard = page.Keyboard;

        // Enter twice turns speech on; Tab reaches "search by name"; Enter presses it.
        await keyboard.PressAsync("Enter");
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-speech", "on");
        await Assertions.Expect(page.GetByTestId("aid-speech")).ToHaveAttributeAsync("aria-pressed", "true");
        await keyboard.PressAsync("Tab");
        while (await page.EvaluateAsync<string>("() => document.activeElement?.dataset.testid ?? ''") != "start-search")
            await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("start-search")).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("screen-search")).ToBeVisibleAsync();

        // Letters typed on a real keyboard, a person's pace: they land in the search field.
        await keyboard.TypeAsync("zoe", new() { Delay = 120 });
        await Assertions.Expect(page.GetByTestId("search-input")).ToHaveValueAsync("Zoe");
        await Assertions.Expect(page.GetByTestId("search-result")).ToHaveCountAsync(1);

        // Arrows walk down to the match; Enter picks it.
        for (var i = 0; i < 6 && !await page.GetByTestId("search-result").EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            await keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByTestId("search-result")).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("screen-second-factor")).ToBeVisibleAsync();

        await keyboard.TypeAsync("zoe@waz.example", new() { Delay = 120 });
        await Assertions.Expect(page.GetByTestId("second-factor-input")).ToHaveValueAsync("zoe@waz.example");
        await keyboard.PressAsync("Enter"); // nothing focused: the screen's main action, "Bestätigen"
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Zoë Öztürk");
        await Assertions.Expect(page.GetByTestId("print-status")).ToBeVisibleAsync();

        // Enter twice again: the screen once more.
        var welcomes = (await SpokenAsync(page)).Count(t => t.StartsWith("Willkommen, Zoë Öztürk", StringComparison.Ordinal));
        await keyboard.PressAsync("Enter");
        await keyboard.PressAsync("Enter");
        Assert.Equal(welcomes + 1, (await SpokenAsync(page)).Count(t => t.StartsWith("Willkommen, Zoë Öztürk", StringComparison.Ordinal)));

        var spoken = await SpokenAsync(page);
        await File.WriteAllLinesAsync(Path.Combine(KioskBrowser.Shots, "spoken-keyboard-check-in.txt"), spoken);
        AssertInOrder(spoken,
            "Vorlesen ist eingeschaltet.",
            "Willkommen!",
            "Bitte scannen Sie den QR-Code aus Ihrer Anmeldebestätigung.",
            "Namen suchen",                      // the focused button
            "Namen suchen",                      // the new screen's heading
            "Bitte tippen Sie auf Ihren Namen:", // the search found someone …
            "Zoë Ö., WAZ",                       // … and says who
            "Zur Sicherheit",
            "Bitte geben Sie Ihre E-Mail-Adresse ein.",
            "Willkommen, Zoë Öztürk",
            "Ihr Badge wird gedruckt",
            "Bitte beachten",                    // the press's handout note, after the welcome
            "Pressemappe und Foto-Weste am Infostand Halle 3");
        var rates = await page.EvaluateAsync<double[]>("() => [...new Set(window.__spoken.map(s => s.rate))]");
        Assert.All(rates, r => Assert.Equal(1.2, r, 0.001)); // Speech:Rate
        var langs = await page.EvaluateAsync<string[]>("() => [...new Set(window.__spoken.map(s => s.lang))]");
        Assert.Equal(["de-DE"], langs);
    }

    [Fact]
    public async Task Speech_is_in_the_visitors_language_and_off_again_for_the_next_visitor()
    {
        var page = await OpenAsync();
        await page.GetByTestId("language-toggle").ClickAsync();
        await page.GetByTestId("aid-speech").ClickAsync();
        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync("A-2"));
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Jürgen Groß");

        var spoken = await SpokenAsync(page);
        AssertInOrder(spoken, "Read aloud is on.", "Welcome!", "Welcome, Jürgen Groß", "Your badge is being printed");
        Assert.Equal(["en-GB"], await page.EvaluateAsync<string[]>("() => [...new Set(window.__spoken.map(s => s.lang))]"));

        await page.GetByTestId("done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-speech", "off");
        await Assertions.Expect(page.GetByTestId("aid-speech")).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        var before = (await SpokenAsync(page)).Length;
        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync("A-3"));
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Sören Weiß");
        Assert.Equal(before, (await SpokenAsync(page)).Length);
    }

    [Fact]
    public async Task The_idle_warning_is_spoken_more_time_can_be_had_again_and_again_and_nothing_personal_stays()
    {
        // The kiosk's idle time is 600 s: the test jumps the page's clock past it rather than waiting, so a slow machine
        // cannot make the warning come early (before the search answered) or late.
        var page = await OpenAsync(ownClock: true);
        const long idle = 601_000;
        await page.GetByTestId("aid-speech").ClickAsync();
        await page.GetByTestId("start-search").ClickAsync();
        await TypeAsync(page, "sör");
        await Assertions.Expect(page.GetByTestId("search-result")).ToContainTextAsync("Sören W.");

        for (var round = 1; round <= 3; round++)
        {
            await Assertions.Expect(page.GetByTestId("idle-overlay")).ToBeHiddenAsync();
            await page.Clock.FastForwardAsync(idle);
            await Assertions.Expect(page.GetByTestId("idle-overlay")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("more-time")).ToBeFocusedAsync();
            if (round == 1) await AxeWithTheClockHeldAsync(page, "idle warning (de)");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByTestId("idle-overlay")).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByTestId("search-result")).ToContainTextAsync("Sören W.");
        }
        Assert.Equal(3, (await SpokenAsync(page)).Count(t => t == "Sind Sie noch da?"));

        await page.Clock.FastForwardAsync(idle);
        await Assertions.Expect(page.GetByTestId("idle-overlay")).ToBeVisibleAsync();
        await page.Clock.RunForAsync(11_000); // the warning's countdown, second by second
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        Assert.DoesNotContain("Sören", await page.ContentAsync());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-speech", "off");
    }

    [Fact]
    public async Task A_visitor_registers_at_the_walk_in_form_by_keyboard_alone()
    {
        var page = await OpenAsync();
        var keyboard = page.Keyboard;
        await page.GetByTestId("start-walkin").FocusAsync();
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("screen-walkin")).ToBeVisibleAsync();
        await keyboard.TypeAsync("jutta", new() { Delay = 120 });
        await Assertions.Expect(page.GetByTestId("walkin-firstName")).ToHaveValueAsync("Jutta");

        async Task TabToAsync(string testId)
        {
            for (var i = 0; i < 12 && await page.EvaluateAsync<string>("() => document.activeElement?.dataset.testid ?? ''") != testId; i++)
                await keyboard.PressAsync("Tab");
            await Assertions.Expect(page.GetByTestId(testId)).ToBeFocusedAsync();
        }
        await TabToAsync("walkin-lastName");
        await TypeAsync(page, "schäfer");
        await Assertions.Expect(page.GetByTestId("walkin-lastName")).ToHaveValueAsync("Schäfer");
        await TabToAsync("walkin-consent");
        await keyboard.PressAsync(" ");
        await Assertions.Expect(page.GetByTestId("walkin-consent")).ToBeCheckedAsync();
        await keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        Assert.DoesNotContain("Schäfer", await page.ContentAsync());

        await page.GetByTestId("start-walkin").FocusAsync();
        await keyboard.PressAsync("Enter");
        await keyboard.TypeAsync("jutta", new() { Delay = 120 });
        await TabToAsync("walkin-lastName");
        await TypeAsync(page, "schäfer");
        await TabToAsync("walkin-consent");
        await keyboard.PressAsync(" ");
        await TabToAsync("walkin-submit");
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Jutta Schäfer");
    }

    [Theory]
    [InlineData("start")]
    [InlineData("search")]
    [InlineData("second-factor")]
    [InlineData("walkin")]
    [InlineData("welcome")]
    [InlineData("already")]
    [InlineData("refusal")]
    public async Task Controls_low_puts_every_control_in_the_lower_part_of_a_portrait_screen(string screen)
    {
        var page = await OpenAsync(1080, 1920);
        await page.GetByTestId("aid-reach").ClickAsync();
        if (screen is "search" or "second-factor")
        {
            await page.GetByTestId("start-search").ClickAsync();
            await PressKeysAsync(page, "ZOE");
            await Assertions.Expect(page.GetByTestId("search-result")).ToHaveCountAsync(1);
            if (screen == "second-factor") await page.GetByTestId("search-result").ClickAsync();
        }
        else if (screen == "walkin") await page.GetByTestId("start-walkin").ClickAsync();
        else if (screen is "welcome" or "already")
        {
            var token = await _fair.TokenAsync("A-1");
            if (screen == "already")
            {
                await _terminal.ScanAsync(token);
                _terminal.Clock.Advance(TimeSpan.FromSeconds(30)); // past the double-scan window: a new visit
            }
            await KioskBrowser.ScanAsync(page, token);
        }
        else if (screen == "refusal") await KioskBrowser.ScanAsync(page, "KB0000000000THISISNOBADGE");
        await Assertions.Expect(page.GetByTestId($"screen-{screen}")).ToBeVisibleAsync();
        await KioskBrowser.ShotAsync(page, $"aids-reach-{screen}");

        // The highest control's top edge, as a share of the screen height (0 = top).
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
        await File.WriteAllTextAsync(Path.Combine(KioskBrowser.Shots, $"aids-reach-{screen}.txt"), $"{share:F3} {highest.GetProperty("which").GetString()}\n");
        Assert.True(share >= 0.4, $"{highest.GetProperty("which").GetString()} starts at {share:P0} of the screen height on {screen}");
        Assert.False(highest.GetProperty("overflow").GetBoolean(), $"the {screen} screen overflows with controls low");
    }

    [Fact]
    public async Task The_kiosk_search_answers_nothing_to_one_letter_and_is_capped_per_visitor_and_per_minute()
    {
        async Task<HttpStatusCode> SearchAsync(string q, string? session)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/local/search?q={Uri.EscapeDataString(q)}");
            if (session is not null) request.Headers.Add("X-Kiosk-Session", session);
            return (await _terminal.Local.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await SearchAsync("", "v1"));
        Assert.Equal(HttpStatusCode.BadRequest, await SearchAsync("m", "v1"));
        Assert.Equal(HttpStatusCode.BadRequest, await SearchAsync("mü", "v1"));

        // One visitor: five searches (configured), then "please ask at the help desk".
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, await SearchAsync("Mül", "v1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsync("Mül", "v1"));

        // Other visitors go on until the kiosk's minute is used up (twelve), whoever asks.
        for (var i = 0; i < 7; i++) Assert.Equal(HttpStatusCode.OK, await SearchAsync("Wei", $"v{i + 2}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsync("Wei", "fresh"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsync("Wei", null));

        _terminal.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, await SearchAsync("Wei", "fresh"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsync("Mül", "v1")); // a session's cap is not per minute
    }

    [Fact]
    public async Task A_visitor_over_the_search_cap_is_sent_to_the_help_desk()
    {
        var page = await OpenAsync();
        await page.GetByTestId("start-search").ClickAsync();
        await PressKeysAsync(page, "ZOE");
        await Assertions.Expect(page.GetByTestId("search-result")).ToHaveCountAsync(1);
        foreach (var key in "ZTÜRK") // every letter one more search (Zoez, Zoezt, …): the sixth is over the cap of five
        {
            await page.RunAndWaitForResponseAsync(
                () => page.Locator($"[data-testid=keyboard-key][data-key='{key}']").ClickAsync(), r => r.Url.Contains("/local/search"));
        }
        await Assertions.Expect(page.GetByTestId("search-hint")).ToContainTextAsync("Infostand");
    }

    /// <summary>
    /// axe-core on a screen whose countdown runs on the page's clock: on a busy machine axe takes longer than the
    /// countdown's 10 s. The clock is held while axe looks and moved on 1 ms at a time only for axe's own timers
    /// (some 400 steps), so the countdown stays where it was; then it runs on again.
    /// </summary>
    private static async Task AxeWithTheClockHeldAsync(IPage page, string screen)
    {
        // Held a moment ahead of the page's time; if that moment passed before the call arrived, a little further on.
        for (var ahead = 100; ; ahead *= 2)
        {
            var now = await page.EvaluateAsync<double>("() => Date.now()");
            try
            {
                await page.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds((long)now + ahead).UtcDateTime);
                break;
            }
            catch (PlaywrightException e) when (e.Message.Contains("to the past", StringComparison.Ordinal) && ahead < 3_200) { }
        }
        var axe = PageAxe.AssertNoViolationsAsync(page, screen);
        var stepped = 0;
        for (; !axe.IsCompleted && stepped < 5_000; stepped++) await page.Clock.RunForAsync(1);
        Assert.True(axe.IsCompleted, $"axe-core on {screen} did not finish within {stepped} ms of the page's clock");
        await axe;
        await Assertions.Expect(page.GetByTestId("idle-overlay")).ToBeVisibleAsync();
        await page.Clock.ResumeAsync();
    }

    private static void AssertInOrder(string[] spoken, params string[] expected)
    {
        var at = 0;
        foreach (var text in expected)
        {
            var found = Array.FindIndex(spoken, at, s => s.StartsWith(text, StringComparison.Ordinal));
            Assert.True(found >= 0, $"\"{text}\" was not spoken after position {at}. Spoken:\n{string.Join("\n", spoken)}");
            at = found + 1;
        }
    }

    /// <summary>The door and out-of-order screens, in both languages.</summary>
    [Fact]
    public async Task The_door_and_out_of_order_screens_break_no_WCAG_2_1_AA_rule()
    {
        var room = await _fair.RoomAsync("Masterclass Raum Ruhr", 30);
        await using var door = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Tür Ruhr"),
            new() { ["Terminal:Mode"] = "room-entrance", ["Terminal:RoomId"] = room.RoomId.ToString() }).Start();
        await door.ReadyAsync(attendees: 4);
        var page = await _browser.OpenAsync(door.Local.BaseAddress!, 1920, 1080);
        await Assertions.Expect(page.GetByTestId("screen-room")).ToBeVisibleAsync();
        await PageAxe.AssertNoViolationsAsync(page, "door (de)");
        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync("A-1"));
        await Assertions.Expect(page.GetByTestId("room-result")).ToHaveAttributeAsync("data-result", new System.Text.RegularExpressions.Regex("."));
        await PageAxe.AssertNoViolationsAsync(page, "door answer (de)");
        await page.GetByTestId("language-toggle").ClickAsync();
        await PageAxe.AssertNoViolationsAsync(page, "door (en)");

        var id = await server.WithDbAsync(db => db.Terminals.AsNoTracking().Where(t => t.EventId == _fair.Event.Id && t.Name == "Tür Ruhr").Select(t => t.Id).SingleAsync());
        (await _fair.Organizer.PostAsync($"/api/terminals/{id}/revoke", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("screen-out-of-order")).ToBeVisibleAsync();
        await PageAxe.AssertNoViolationsAsync(page, "out of order (de)");
        await page.GetByTestId("language-toggle").ClickAsync();
        await PageAxe.AssertNoViolationsAsync(page, "out of order (en)");
        await page.GetByTestId("staff-open").ClickAsync();
        await PageAxe.AssertNoViolationsAsync(page, "out of order, staff panel (en)");
        await KioskBrowser.ShotAsync(page, "aids-out-of-order");
    }

    /// <summary>A print station says what it is in both languages, and scanning a badge there changes nothing.</summary>
    [Fact]
    public async Task The_print_station_screen_says_it_admits_nobody_and_breaks_no_WCAG_2_1_AA_rule()
    {
        await using var station = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Druckstation"),
            new() { ["Terminal:Mode"] = "print-station" }).Start();
        await station.ReadyAsync(attendees: 4);
        var page = await _browser.OpenAsync(station.Local.BaseAddress!, 1920, 1080);
        await Assertions.Expect(page.GetByTestId("screen-print-station").Locator("h1")).ToHaveTextAsync("Druckstation");
        await Assertions.Expect(page.GetByTestId("screen-print-station").Locator("[data-say]")).ToContainTextAsync("zum Eingang");
        await PageAxe.AssertNoViolationsAsync(page, "print station (de)");
        await KioskBrowser.ScanAsync(page, await _fair.TokenAsync("A-1"));
        await Assertions.Expect(page.GetByTestId("screen-print-station")).ToBeVisibleAsync();
        Assert.Null((await _fair.AttendeeAsync("A-1")).CheckedInAt);
        await page.GetByTestId("language-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-print-station").Locator("h1")).ToHaveTextAsync("Print station");
        await PageAxe.AssertNoViolationsAsync(page, "print station (en)");
    }
}
