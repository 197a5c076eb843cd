using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Kiosk.Server.ApiDocs;
using Kiosk.Testing;
using Microsoft.Playwright;

namespace Kiosk.Server.Tests.Operations;

/// <summary>
/// The API reference at /api/docs: organizers only (the sign-in page first), every file from this server, rendered
/// in chromium under its own policy without a violation, and nothing asked of any address but the server's.
/// </summary>
public sealed partial class ApiReferenceTests(KioskApp app) : BrowserTest, IClassFixture<KioskApp>
{
    [Fact]
    public async Task Only_organizers_see_the_reference_and_the_document_stays_public()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var toSignIn = await anonymous.GetAsync(ApiReference.DocsPath + "/");
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Equal("/login/?return=%2Fapi%2Fdocs%2F", toSignIn.Headers.Location?.PathAndQuery);
        // Its scripts come from this server; like every page's files they hold no data and need no sign-in.
        using var script = await anonymous.GetAsync(ApiReference.DocsPath + "/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(ApiReference.DocumentPath)).StatusCode);

        using var organizer = await app.OrganizerAsync();
        using var staff = await app.UserAsync(organizer);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(ApiReference.DocsPath + "/")).StatusCode);

        using var page = await organizer.GetAsync(ApiReference.DocsPath + "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        // The inline start script carries the nonce the policy names, fresh for each answer.
        var nonce = NonceAttribute().Match(html).Groups[1].Value;
        Assert.NotEmpty(nonce);
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(Auth.SecurityHeaders.ApiReferencePolicy(nonce), policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        using var again = await organizer.GetAsync(ApiReference.DocsPath + "/");
        Assert.DoesNotContain(nonce, Assert.Single(again.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_reference_renders_every_feature_from_this_server_alone()
    {
        Assert.SkipWhen(Browser is null, "Debian chromium is not installed; scripts/test.sh installs it.");
        var context = await Browser!.NewContextAsync(new() { Locale = "de-DE" });
        var page = await context.NewPageAsync();
        var outside = new List<string>();
        var failed = new List<string>();
        var violations = new List<string>();
        // Every request the page makes, whatever starts it: one to another host is recorded and never sent.
        await context.RouteAsync("**/*", async route =>
        {
            if (LeavesTheServer(route.Request.Url))
            {
                lock (outside) outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
            else await route.ContinueAsync();
        });
        // Failures count from the reference page on (the sign-in page's own request ends as it navigates away).
        var onReference = false;
        page.RequestFailed += (_, r) => { if (onReference) lock (failed) failed.Add($"{r.Method} {r.Url}: {r.Failure}"); };
        page.Response += (_, r) => { if (onReference && r.Status >= 400) lock (failed) failed.Add($"{r.Request.Method} {r.Url}: {r.Status}"); };
        page.PageError += (_, e) => { if (onReference) lock (failed) failed.Add($"script error: {e}"); };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error(`securitypolicyviolation ${e.violatedDirective} ${e.blockedURI}`));");
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("securitypolicyviolation", StringComparison.Ordinal) || m.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                lock (violations) violations.Add(m.Text);
        };

        // From the start page's link: the sign-in page comes first and sends the organizer back.
        await page.GotoAsync(app.BaseAddress.ToString());
        await Assertions.Expect(page.GetByTestId("start-api-docs")).ToContainTextAsync("API-Referenz");
        await page.GetByTestId("start-api-docs").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login/", StringComparison.Ordinal));
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(KioskApp.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(ApiReference.DocsPath + "/", StringComparison.Ordinal));
        onReference = true;
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });

        // Scalar renders in the browser from a 1 MB bundle: on a busy CI machine that alone can take many seconds.
        await Step(page, "the page heading", () => Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kiosk API", Level = 1 })).ToBeVisibleAsync(Slow));
        var sidebar = page.GetByRole(AriaRole.Complementary);
        foreach (var (tag, _) in ApiFeatures.All)
            await Step(page, $"the sidebar link {tag}", () => Assertions.Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = tag, Exact = true })).ToBeVisibleAsync(Slow));
        // A feature's operations by their summaries; one of them opened, with its problem answers.
        await Step(page, "opening Check-in", () => sidebar.GetByRole(AriaRole.Button, new() { Name = "Open Group - Check-in" }).ClickAsync());
        await Step(page, "the link Record a check-in", () => sidebar.GetByRole(AriaRole.Link, new() { Name = "Record a check-in" }).ClickAsync());
        var main = page.GetByRole(AriaRole.Main);
        await Step(page, "the operation heading", () => Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Name = "Record a check-in" })).ToBeVisibleAsync(Slow));
        await Step(page, "its problem answers", () => Assertions.Expect(main.GetByText("/problems/client-scan-id").First).ToBeVisibleAsync(Slow));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "api-reference.png"), FullPage = false });

        // Accessibility as axe-core sees it (Scalar's UI with our colours and the page's language): no violation.
        var axe = await page.RunAxe();
        var findings = string.Join("\n", axe.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} elements)\n" +
            string.Join("\n", v.Nodes.Take(40).Select(n => $"  {n.Target}: {string.Join(" ", n.Any.Select(c => c.Message))}"))));
        await File.WriteAllTextAsync(Path.Combine(Shots, "api-reference-axe.txt"), findings + "\n");
        TestContext.Current.TestOutputHelper?.WriteLine($"axe-core on the reference: {axe.Violations.Length} rules violated\n{findings}");
        Assert.True(axe.Violations.Length == 0, findings);

        lock (outside) Assert.True(outside.Count == 0, "left the server: " + string.Join("\n", outside));
        lock (failed) Assert.True(failed.Count == 0, string.Join("\n", failed));
        // Scalar's bundled schema library probes once whether it may compile code (Function("")) and, refused, works
        // without: the policy keeps 'unsafe-eval' out. Every other violation fails the test.
        lock (violations)
        {
            var probes = violations.Where(v => v.Contains("script-src eval", StringComparison.Ordinal) || v.Contains("'unsafe-eval'", StringComparison.Ordinal)).ToList();
            TestContext.Current.TestOutputHelper?.WriteLine($"refused eval probes: {probes.Count}");
            Assert.True(violations.Count == probes.Count, string.Join("\n", violations.Except(probes)));
        }
        await context.DisposeAsync();
    }

    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 45_000 };

    /// <summary>One step on the page; if it fails, the failure names the step and a screenshot shows what the page held.</summary>
    private static async Task Step(IPage page, string what, Func<Task> step)
    {
        try { await step(); }
        catch (PlaywrightException e)
        {
            var shot = Path.Combine(Shots, "api-reference-failed.png");
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            throw new Xunit.Sdk.XunitException($"API reference: {what} did not appear ({e.Message.Split('\n')[0]}); the page is in {shot}");
        }
    }

    /// <summary>A request over the network to anywhere but loopback (data: and blob: URLs stay in the page).</summary>
    private static bool LeavesTheServer(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" or "ws" or "wss" && !u.IsLoopback;

    [GeneratedRegex("<script[^>]* nonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();
}
