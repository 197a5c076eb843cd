using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Rooms;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests.Operations;

/// <summary>
/// The organizer pages carry their browser protections and live within them: every page loads in chromium
/// under the strict policy without a single violation (the dashboard's WebSocket included).
/// </summary>
public sealed class PageSecurityTests(KioskApp app) : BrowserTest, IClassFixture<KioskApp>
{
    private static readonly string[] Pages = ["/", "/login/", "/dashboard/", "/desk/", "/door/", "/imports/", "/handouts/", "/reports/"];

    [Fact]
    public async Task Every_page_and_api_answer_carries_the_strict_policy_and_cannot_be_framed()
    {
        var fair = await Fair.OpenAsync(app);
        using var organizer = await app.CookieClientAsync();
        var urls = Pages.Select(p => $"{p}?event={fair.Event.Id}")
            .Concat(["/api/auth/me", $"/api/events/{fair.Event.Id}", "/healthz", "/api/no-such-route", "/dashboard/dashboard.js"]);

        foreach (var url in urls)
        {
            using var response = await organizer.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
            AssertProtected(url, response, Kiosk.Server.Auth.SecurityHeaders.StrictPolicy);
        }
        // An anonymous caller's 401 is protected the same way.
        using var anonymous = await app.Anonymous().GetAsync("/api/auth/me");
        AssertProtected("anonymous /api/auth/me", anonymous, Kiosk.Server.Auth.SecurityHeaders.StrictPolicy);
        // Hangfire's dashboard needs inline script: its own, looser policy, still never framed.
        using var jobs = await organizer.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        AssertProtected("/jobs", jobs, Kiosk.Server.Auth.SecurityHeaders.JobDashboardPolicy);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site_strict()
    {
        using var anonymous = app.Anonymous();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/login", new Kiosk.Server.Auth.LoginRequest("admin", KioskApp.AdminPassword));

        response.EnsureSuccessStatusCode();
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("kiosk.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        // Plain http here: Secure follows the request (it is set when the sign-in comes over https).
        Assert.DoesNotContain("secure", cookie.Replace("samesite=strict", ""));
    }

    [Fact]
    public async Task A_printable_certificate_page_keeps_its_own_policy_that_admits_only_its_style()
    {
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Masterclass Raum Ruhr", 30);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions", new SessionRequest("KI im Bürgeramt", start, start.AddMinutes(90)), Json.Options);
        created.EnsureSuccessStatusCode();
        var session = (await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;

        using var response = await fair.Organizer.GetAsync($"/api/sessions/{session.Id}/certificates.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertProtected("certificates.html", response, Kiosk.Server.Certificates.CertificatePage.ContentSecurityPolicy);
        if (Browser is null) return;
        // The style block's hash matches what chromium computes: the page renders its style without a violation.
        var page = await NewWatchedPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = fair.Organizer.DefaultRequestHeaders.Authorization!.ToString() });
        await page.GotoAsync(new Uri(app.BaseAddress, $"/api/sessions/{session.Id}/certificates.html").ToString());
        Assert.Equal("rgb(231, 233, 238)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        AssertNoViolations(page);
    }

    [Fact]
    public async Task Every_organizer_page_loads_in_chromium_without_a_policy_violation()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var fair = await Fair.OpenAsync(app);
        var page = await NewWatchedPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/login/").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login/", StringComparison.Ordinal));

        foreach (var path in Pages)
        {
            await page.GotoAsync(new Uri(app.BaseAddress, $"{path}?event={fair.Event.Id}").ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
            if (path == "/dashboard/")
                await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-state", "live");
        }
        AssertNoViolations(page);
    }

    [Fact]
    public async Task The_job_dashboard_loads_in_chromium_within_its_own_policy()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var page = await NewWatchedPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/login/?return=/jobs").ToString());
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login/", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(app.BaseAddress, "/jobs").ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });

        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Kiosk jobs");
        AssertNoViolations(page);
    }

    private readonly List<string> _violations = [];

    /// <summary>A page whose every policy violation (the DOM event and chromium's console report) is recorded.</summary>
    private async Task<IPage> NewWatchedPageAsync()
    {
        var page = await Browser!.NewPageAsync(new() { Locale = "de-DE", TimezoneId = "Europe/Berlin" });
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error(`securitypolicyviolation ${e.violatedDirective} ${e.blockedURI}`));");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("securitypolicyviolation", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                lock (_violations) _violations.Add($"{page.Url}: {message.Text}");
        };
        return page;
    }

    private void AssertNoViolations(IPage page)
    {
        lock (_violations) Assert.True(_violations.Count == 0, string.Join("\n", _violations));
    }

    private static void AssertProtected(string url, HttpResponseMessage response, string policy)
    {
        Assert.Equal(policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer), url);
        Assert.Equal("same-origin", Assert.Single(referrer));
    }
}
