using Microsoft.Playwright;

namespace Kiosk.Terminal.Tests.Infrastructure;

/// <summary>Headless Debian chromium through Playwright (never a downloaded browser); screenshots go to the test output.</summary>
public sealed class KioskBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public static readonly string Shots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    private IPlaywright? _playwright;

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

    public static Task ShotAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}.png") });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
