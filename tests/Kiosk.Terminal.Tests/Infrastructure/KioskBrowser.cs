using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests.Infrastructure;

/// <summary>Headless Debian chromium through Playwright (never a downloaded browser); screenshots go to the test output.</summary>
public sealed class KioskBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public static readonly string Shots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    private IPlaywright? _playwright;

    /// <summary>Expectations wait up to 15 s: enough for a busy two-core CI machine running every test project at once.</summary>
    static KioskBrowser() => Assertions.SetDefaultExpectTimeout(15_000);

    public IBrowser? Browser { get; private set; }

    public static async Task<KioskBrowser> LaunchAsync()
    {
        var kiosk = new KioskBrowser();
        if (!File.Exists(Chromium)) return kiosk;
        kiosk._playwright = await Playwright.CreateAsync();
        kiosk.Browser = await kiosk._playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        return kiosk;
    }

    public async Task<IPage> OpenAsync(Uri url, int width = 1080, int height = 1920)
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var page = await Browser!.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        await page.GotoAsync(url.ToString());
        return page;
    }

    /// <summary>
    /// A USB scanner's keystrokes, dispatched inside the page in one go as a scanner sends them (Playwright's
    /// own typing goes key by key over the wire and can stall on a busy machine longer than a scanner ever does).
    /// </summary>
    public static Task ScanAsync(IPage page, string code) => page.EvaluateAsync(
        """
        code => {
          for (const key of [...code, 'Enter'])
            document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        }
        """, code);

    public static Task ShotAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}.png") });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
