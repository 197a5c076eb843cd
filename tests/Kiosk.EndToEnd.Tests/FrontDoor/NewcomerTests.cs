using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.EndToEnd.Tests.FrontDoor;

/// <summary>
/// A newcomer: a fresh copy of the repository, the README's demo command typed as it stands (its own ports
/// and data folder), every page opened in Chromium, signed in, a badge scanned at the demo kiosk. Then the
/// same with the published apps, started from a folder that is not theirs. Any 404, server error, script
/// error or unhandled rejection fails the test.
/// </summary>
public sealed class NewcomerTests(RepositoryCopy copy, ITestOutputHelper output) : IClassFixture<RepositoryCopy>, IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] OrganizerPages = ["/dashboard/", "/desk/", "/door/", "/reports/", "/imports/", "/handouts/", "/jobs"];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium)) return;
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Fact]
    public async Task The_readme_demo_command_serves_every_page_and_checks_a_visitor_in()
    {
        Assert.SkipWhen(_browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var clock = Stopwatch.StartNew();
        var (port, kioskPort) = (AppProcess.FreePort(), AppProcess.FreePort());
        var start = copy.Command("bash", "scripts/demo.sh", "--traffic");
        start.Environment["KIOSK_DEMO_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["KIOSK_DEMO_KIOSK_PORT"] = kioskPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var demo = new RunningCommand(start);
        var server = new Uri($"http://localhost:{port}");
        var kiosk = new Uri($"http://127.0.0.1:{kioskPort}");
        await demo.ListeningAsync(server, seconds: 900); // builds the whole solution first
        await demo.ListeningAsync(kiosk, seconds: 120);
        output.WriteLine($"demo up after {clock.Elapsed.TotalSeconds:F0} s");
        var password = File.ReadAllText(Path.Combine(copy.Root, "data", "demo-admin-password")).Trim();

        await VisitAsNewcomerAsync(server, kiosk, password, expectKioskLink: true, expectTraffic: true);
        output.WriteLine($"newcomer test took {clock.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public async Task The_published_apps_serve_every_page_from_any_working_directory()
    {
        Assert.SkipWhen(_browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var clock = Stopwatch.StartNew();
        var published = Path.Combine(copy.Root, "published");
        await PublishAsync("Kiosk.Server", "linux-x64", Path.Combine(published, "server"));
        await PublishAsync("Kiosk.Terminal", "linux-x64", Path.Combine(published, "terminal"));
        // The kiosk PCs run Windows: the terminal must publish for them too (it cannot be started here).
        await PublishAsync("Kiosk.Terminal", "win-x64", Path.Combine(published, "terminal-win"));
        Assert.True(File.Exists(Path.Combine(published, "terminal-win", "Kiosk.Terminal.exe")));
        Assert.True(File.Exists(Path.Combine(published, "terminal-win", "Ui", "wwwroot", "index.html")));
        output.WriteLine($"published after {clock.Elapsed.TotalSeconds:F0} s");

        var elsewhere = Directory.CreateTempSubdirectory("kiosk-published-cwd-").FullName;
        var (port, kioskPort) = (AppProcess.FreePort(), AppProcess.FreePort());
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var serverStart = new ProcessStartInfo(Path.Combine(published, "server", "Kiosk.Server"), ["--seed-demo", $"--urls=http://localhost:{port}"])
        {
            WorkingDirectory = elsewhere, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["Bootstrap__AdminPassword"] = password, ["Storage__DataDirectory"] = Path.Combine(elsewhere, "data") },
        };
        using var server = new RunningCommand(serverStart);
        var serverAddress = new Uri($"http://localhost:{port}");
        await server.ListeningAsync(serverAddress, seconds: 120);

        using var organizer = await OrganizerAsync(serverAddress, password);
        var enrolment = await organizer.PostAsJsonAsync("/api/events/1/terminals", new { name = "Kiosk veröffentlicht" });
        enrolment.EnsureSuccessStatusCode();
        var code = (await enrolment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enrolmentCode").GetString()!;
        var terminalStart = new ProcessStartInfo(Path.Combine(published, "terminal", "Kiosk.Terminal"),
            [$"--Terminal:Urls=http://127.0.0.1:{kioskPort}", $"--Server:Url={serverAddress}", $"--Terminal:EnrolmentCode={code}", "--Terminal:DataDirectory=kiosk-data"])
        {
            WorkingDirectory = elsewhere, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var terminal = new RunningCommand(terminalStart);
        var kiosk = new Uri($"http://127.0.0.1:{kioskPort}");
        await terminal.ListeningAsync(kiosk, seconds: 60);

        await VisitAsNewcomerAsync(serverAddress, kiosk, password, expectKioskLink: false, expectTraffic: false);
        output.WriteLine($"published smoke took {clock.Elapsed.TotalSeconds:F0} s");
        Directory.Delete(elsewhere, recursive: true);
    }

    private async Task VisitAsNewcomerAsync(Uri server, Uri kiosk, string password, bool expectKioskLink, bool expectTraffic)
    {
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "de-DE" });
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);

        await page.GotoAsync(server.ToString());
        await Assertions.Expect(page.GetByTestId("start-dashboard")).ToBeVisibleAsync();
        if (expectKioskLink) await Assertions.Expect(page.GetByTestId("start-kiosk")).ToHaveAttributeAsync("href", $"{kiosk}");
        watch.AssertClean("start page");

        // The demo fair's public registration page answers without signing in.
        var register = await page.GotoAsync(new Uri(server, "/register/1/").ToString());
        Assert.True(register is { Ok: true }, $"/register/1/: {register?.Status}");
        await Assertions.Expect(page.Locator("form.rg-form")).ToBeVisibleAsync();
        watch.AssertClean("/register/1/");
        await page.GotoAsync(server.ToString());

        // Not signed in: a page sends the newcomer to the sign-in form, which brings them back.
        await page.GetByTestId("start-dashboard").ClickAsync();
        await page.WaitForURLAsync($"{server}login/?return=%2Fdashboard%2F");
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync($"{server}dashboard/**");
        await Assertions.Expect(page.GetByTestId("kpi-registered")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"2\D?000"));
        if (expectTraffic) await Assertions.Expect(page.GetByTestId("kpi-arrived")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0–—-]*$"));
        await page.ScreenshotAsync(new() { Path = Shot(expectTraffic ? "newcomer-dashboard" : "published-dashboard") });
        watch.AssertClean("dashboard");

        foreach (var path in OrganizerPages)
        {
            var response = await page.GotoAsync(new Uri(server, path).ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
            Assert.StartsWith(new Uri(server, path).ToString(), page.Url);
            watch.AssertClean(path);
        }

        // The demo kiosk: a visitor scans the badge from their confirmation mail and sees it printed.
        using var organizer = await OrganizerAsync(server, password);
        var token = await TokenOfSomeoneNotHereYetAsync(organizer);
        // A kiosk enrolled a moment ago may still be copying the roster; a scan before that answers "unknown".
        using (var local = new HttpClient { BaseAddress = kiosk })
            await Eventually.Async(() => local.GetFromJsonAsync<JsonElement>("/local/state"),
                s => s.GetProperty("enrolled").GetBoolean() && s.GetProperty("rosterSize").GetInt32() >= 2000, "the kiosk's roster copy", seconds: 120);
        var kioskPage = await context.NewPageAsync();
        var kioskWatch = new PageWatch(kioskPage);
        await kioskPage.GotoAsync(kiosk.ToString());
        await Assertions.Expect(kioskPage.GetByTestId("screen-start")).ToBeVisibleAsync();
        await kioskPage.EvaluateAsync("code => { for (const key of [...code, 'Enter']) document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })); }", token);
        await Assertions.Expect(kioskPage.GetByTestId("screen-welcome")).ToBeVisibleAsync();
        await Assertions.Expect(kioskPage.GetByTestId("badge-preview")).ToBeVisibleAsync();
        await kioskPage.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=badge-preview]'); return i && i.complete && i.naturalWidth > 0; }");
        await kioskPage.ScreenshotAsync(new() { Path = Shot(expectTraffic ? "newcomer-kiosk-welcome" : "published-kiosk-welcome") });
        kioskWatch.AssertClean("kiosk");
        await context.DisposeAsync();
    }

    private static async Task<HttpClient> OrganizerAsync(Uri server, string password)
    {
        var http = new HttpClient { BaseAddress = server };
        var login = await http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<string> TokenOfSomeoneNotHereYetAsync(HttpClient organizer)
    {
        var hits = await organizer.GetFromJsonAsync<JsonElement>("/api/events/1/attendees/search?q=P%C3%B6ppelmann");
        var id = hits.EnumerateArray().First(a => a.GetProperty("checkedInAt").ValueKind == JsonValueKind.Null).GetProperty("id").GetInt32();
        var badge = await organizer.GetFromJsonAsync<JsonElement>($"/api/attendees/{id}/badge");
        return badge.GetProperty("token").GetString()!;
    }

    private async Task PublishAsync(string project, string runtime, string folder)
    {
        var start = copy.Command("dotnet", "publish", project, "-c", "Release", "-r", runtime, "--self-contained", "false", "-o", folder, "-v", "quiet", "-nologo");
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet publish {project} -r {runtime} failed:\n{await log}\n{await errors}");
    }

    private static string Shot(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName, $"{name}.png");
}
