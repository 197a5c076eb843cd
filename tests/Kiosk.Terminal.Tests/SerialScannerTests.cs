using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Terminal.Ui;
using Kiosk.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// A scanner in serial mode on a real pseudo-terminal pair (socat): the terminal reads the port, the kiosk page in
/// Debian chromium answers as to a keyboard-wedge scan, against a real terminal host and server.
/// </summary>
public sealed class SerialScannerTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private ScannerPty _scanner = null!;
    private TerminalApp _terminal = null!;
    private KioskBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(ScannerPty.Available, "socat is not installed; scripts/test.sh installs it.");
        _fair = await Fair.OpenAsync(server);
        _scanner = await ScannerPty.StartAsync();
        _terminal = new TerminalApp(server.BaseAddress, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id),
            new() { ["Scanner:SerialPort"] = _scanner.PortPath }).Start();
        await _terminal.ReadyAsync(attendees: 4);
        await ScannerStateAsync(ScannerState.Ready);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_terminal is not null) await _terminal.DisposeAsync();
        if (_scanner is not null) await _scanner.DisposeAsync();
    }

    private Task ScannerStateAsync(ScannerState state) =>
        Eventually.Async(_terminal.StateAsync, s => s.Scanner == state, $"scanner {state}");

    private async Task<IPage> OpenKioskAsync()
    {
        _browser = await KioskBrowser.LaunchAsync();
        var page = await _browser.OpenAsync(_terminal.Local.BaseAddress!);
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();
        // The page listens once its stream is open: the host counts it.
        await Eventually.Async(() => Task.FromResult(ScannerFeedPages()), n => n == 1, "the page listening to the scanner");
        return page;
    }

    private int ScannerFeedPages() =>
        ((ScannerFeed)_terminal.Services.GetService(typeof(ScannerFeed))!).Pages;

    private string[] BadgePictures() => Directory.Exists(Path.Combine(_terminal.DataDirectory, "prints"))
        ? Directory.GetFiles(Path.Combine(_terminal.DataDirectory, "prints"), "*.svg").Select(File.ReadAllText).ToArray()
        : [];

    private void AssertNoCodeInTheLog(params string[] codes)
    {
        foreach (var entry in _terminal.Logs.Entries)
            foreach (var code in codes)
                Assert.DoesNotContain(code, entry.Message + entry.Exception, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Codes_from_the_serial_scanner_are_answered_on_the_page_as_wedge_scans_in_the_pages_language_whatever_the_visitor_was_doing()
    {
        var page = await OpenKioskAsync();
        await page.GetByTestId("language-toggle").ClickAsync();
        await page.GetByTestId("start-search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-search")).ToBeVisibleAsync();
        var speaker = await _fair.TokenAsync("A-2");

        // Three USB packets and CRLF; the name search in progress gives way, as for a wedge scan.
        await _scanner.SendAsync(speaker[..60]);
        await _scanner.SendAsync(speaker[60..120]);
        await _scanner.SendAsync(speaker[120..] + "\r\n");
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Jürgen Groß");
        await Assertions.Expect(page.GetByTestId("print-status")).ToHaveTextAsync("Your badge is being printed …");
        // The badge is printed in the language the visitor chose on the page.
        var picture = Assert.Single(await Eventually.Async(() => Task.FromResult(BadgePictures()), p => p.Length > 0 && p.All(svg => svg.TrimEnd().EndsWith("</svg>", StringComparison.Ordinal)), "the printed badge, written whole"));
        Assert.Contains("SPEAKER", picture);

        // The same code again at once is a double read (the host's rule): nothing more is printed.
        await _scanner.SendAsync(speaker + "\r");
        // Too long for any code (LF only): the visitor is told it is not a badge.
        await _scanner.SendAsync(new string('K', 700) + "\n");
        await Assertions.Expect(page.GetByTestId("screen-refusal")).ToHaveAttributeAsync("data-result", "Invalid");
        Assert.Single(BadgePictures());

        var visitor = await _fair.TokenAsync("A-1");
        await _scanner.SendAsync(visitor + "\r");
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Dr. Anna Müller");
        await Eventually.Async(() => Task.FromResult(BadgePictures().Length), n => n == 2, "the second badge");
        AssertNoCodeInTheLog(speaker, visitor);
    }

    [Fact]
    public async Task A_serial_scanner_unplugged_and_plugged_in_again_is_opened_again_and_staff_see_it_meanwhile()
    {
        var page = await OpenKioskAsync();
        var mark = page.GetByTestId("scanner-status");
        await Assertions.Expect(mark).ToBeHiddenAsync();

        await _scanner.UnplugAsync();
        await ScannerStateAsync(ScannerState.Unplugged);
        await Assertions.Expect(mark).ToBeVisibleAsync();
        await Assertions.Expect(mark).ToHaveTextAsync("Scanner ✕");
        await Assertions.Expect(page.GetByTestId("screen-start")).ToBeVisibleAsync();

        await _scanner.PlugInAsync();
        await ScannerStateAsync(ScannerState.Ready);
        await Assertions.Expect(mark).ToBeHiddenAsync();
        await _scanner.SendAsync(await _fair.TokenAsync("A-3") + "\r");
        await Assertions.Expect(page.GetByTestId("welcome-name")).ToHaveTextAsync("Sören Weiß");
        Assert.Contains(_terminal.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("is gone"));
    }

    [Fact]
    public async Task A_code_read_while_no_kiosk_page_listens_is_dropped_and_logged_without_its_text()
    {
        var token = await _fair.TokenAsync("A-4");
        await _scanner.SendAsync(token + "\r\n");

        var dropped = await Eventually.Async(() => Task.FromResult(_terminal.Logs.Entries.Where(e => e.Message.Contains("dropped")).ToList()),
            d => d.Count > 0, "the dropped code in the log");
        Assert.Contains($"({token.Length} characters)", dropped[0].Message);
        Assert.Equal(0, (await _terminal.StateAsync()).Outbox);
        Assert.Empty(BadgePictures());
        AssertNoCodeInTheLog(token);
    }
}

/// <summary>A kiosk without Scanner:SerialPort: its scanner is a keyboard wedge.</summary>
public sealed class WedgeOnlyTests
{
    [Fact]
    public async Task Without_a_serial_scanner_the_page_hears_off_and_staff_see_no_scanner_state()
    {
        await using var terminal = new TerminalApp(new Uri("http://127.0.0.1:9/"), "ABCDE-FGHJK").Start();

        using var response = await terminal.Local.GetAsync("/local/scanner", HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        while (await events.ReadLineAsync() is { Length: > 0 } line) lines.Add(line);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: state", lines);
        Assert.Contains("""data: {"state":"Off","text":null}""", lines);
        Assert.Equal(ScannerState.Off, (await terminal.StateAsync()).Scanner);
    }
}
