using Microsoft.Playwright;

namespace Kiosk.Server.Tests;

/// <summary>
/// A test class that drives the server's pages in headless Debian chromium (never a downloaded browser), one
/// browser per class; screenshots go to the test output's <c>screenshots</c> folder.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    protected static readonly string Shots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    private IPlaywright? _playwright;

    /// <summary>
    /// Expectations wait up to 15 s: enough for a busy two-core CI machine running every test project at once,
    /// still short of the dashboard's 30 s poll, so a push is never mistaken for a poll.
    /// </summary>
    static BrowserTest() => Assertions.SetDefaultExpectTimeout(15_000);

    /// <summary>Null when Debian chromium is not installed: the tests then skip (scripts/test.sh installs it).</summary>
    protected IBrowser? Browser { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium)) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        GC.SuppressFinalize(this);
    }
}
