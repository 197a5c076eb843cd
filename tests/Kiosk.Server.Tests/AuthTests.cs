using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Auth;
using Kiosk.Server.Terminals;
using Kiosk.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

public class AuthTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task Wrong_password_gets_a_bad_credentials_problem()
    {
        using var client = app.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new LoginRequest("admin", "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("/problems/bad-credentials", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Type);
    }

    [Fact]
    public async Task Cookie_login_lets_the_browser_call_the_api_and_logout_ends_it()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = app.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/events")).StatusCode);
        (await browser.PostAsJsonAsync("/api/auth/login", new LoginRequest("admin", KioskApp.AdminPassword))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/events")).StatusCode);
        (await browser.PostAsync("/api/auth/logout", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/events")).StatusCode);
    }

    [Fact]
    public async Task Enrolment_code_works_once_and_only_its_hash_is_stored()
    {
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var code = (await (await organizer.PostAsJsonAsync($"/api/events/{evt.Id}/terminals", new NewTerminalRequest("Eingang Süd")))
            .Content.ReadFromJsonAsync<EnrolmentCodeResponse>(Json.Options))!.EnrolmentCode;
        using var anonymous = app.Anonymous();

        var first = await anonymous.PostAsJsonAsync("/api/terminals/enrol", new EnrolRequest(code.ToLowerInvariant().Replace("-", " ")));
        var second = await anonymous.PostAsJsonAsync("/api/terminals/enrol", new EnrolRequest(code));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var key = (await first.Content.ReadFromJsonAsync<EnrolResponse>(Json.Options))!.TerminalKey;
        var stored = await app.WithDbAsync(db => db.Terminals.AsNoTracking().Where(t => t.EventId == evt.Id).Select(t => t.KeyHash).SingleAsync());
        Assert.Equal(Secrets.Hash(key), stored);
        Assert.DoesNotContain(key, stored);
    }

    [Fact]
    public async Task A_kiosk_whose_enrolment_answer_was_lost_asks_again_with_its_key_and_nobody_else_can()
    {
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var code = (await (await organizer.PostAsJsonAsync($"/api/events/{evt.Id}/terminals", new NewTerminalRequest("Eingang West")))
            .Content.ReadFromJsonAsync<EnrolmentCodeResponse>(Json.Options))!.EnrolmentCode;
        using var anonymous = app.Anonymous();
        var key = Kiosk.Shared.Contracts.TerminalKeys.New();

        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/terminals/enrol", new EnrolRequest(code, "ktk_short"))).StatusCode);
        var first = await anonymous.PostAsJsonAsync("/api/terminals/enrol", new EnrolRequest(code, key));
        // The answer never reached the kiosk; it asks again with the key it kept.
        var again = await anonymous.PostAsJsonAsync("/api/terminals/enrol", new EnrolRequest(code, key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (one, two) = ((await first.Content.ReadFromJsonAsync<EnrolResponse>(Json.Options))!, (await again.Content.ReadFromJsonAsync<EnrolResponse>(Json.Options))!);
        Assert.Equal((one.TerminalId, key), (two.TerminalId, two.TerminalKey));
        // Someone else with the code, with another key or none, gets nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/terminals/enrol", new EnrolRequest(code, Kiosk.Shared.Contracts.TerminalKeys.New()))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/terminals/enrol", new EnrolRequest(code))).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditLog.CountAsync(a => a.TerminalId == one.TerminalId && a.Action == "terminal.enrolled")));
        Assert.Equal(HttpStatusCode.OK, (await app.WithBearer(key).GetAsync($"/api/events/{evt.Id}/badge-keys")).StatusCode);
    }

    [Fact]
    public async Task Revoked_terminal_key_stops_working_at_once()
    {
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(organizer, evt.Id);
        Assert.Equal(HttpStatusCode.OK, (await kiosk.GetAsync($"/api/events/{evt.Id}/badge-keys")).StatusCode);

        (await organizer.PostAsync($"/api/terminals/{enrolment.TerminalId}/revoke", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.GetAsync($"/api/events/{evt.Id}/badge-keys")).StatusCode);
    }

    [Fact]
    public async Task Terminal_cannot_do_organizer_work()
    {
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var (kiosk, _) = await app.EnrolTerminalAsync(organizer, evt.Id);

        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.PostAsJsonAsync($"/api/events/{evt.Id}/terminals", new NewTerminalRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync("/api/attendees/1")).StatusCode);
    }

    [Fact]
    public async Task Health_and_openapi_are_served()
    {
        using var client = app.Anonymous();
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/checkins", openApi);
        Assert.Contains("/api/events/{eventId}/attendees/import", openApi);
    }
}

/// <summary>A server with the shipped login limit, to show that guessing passwords is throttled.</summary>
public sealed class StrictLoginApp() : KioskApp(Engine.Sqlite, new() { ["RateLimits:LoginPerMinute"] = "3" });

public class LoginRateLimitTests(StrictLoginApp app) : IClassFixture<StrictLoginApp>
{
    [Fact]
    public async Task Fourth_login_attempt_within_a_minute_is_throttled()
    {
        using var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/token", new LoginRequest("admin", "guess" + i))).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }
}

public class AccountTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task Organizer_creates_staff_who_can_search_but_not_import_and_disabling_ends_their_token()
    {
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var created = await organizer.PostAsJsonAsync("/api/users", new Kiosk.Server.Staff.NewAccountRequest("Desk.Anna", "desk-password-1", "Staff"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = (await created.Content.ReadFromJsonAsync<Kiosk.Server.Staff.AccountResponse>(Json.Options))!;
        Assert.Equal("desk.anna", account.Username);

        using var anonymous = app.Anonymous();
        var token = (await (await anonymous.PostAsJsonAsync("/api/auth/token", new LoginRequest("desk.anna", "desk-password-1")))
            .Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.Token;
        using var staff = app.WithBearer(token);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/events/{evt.Id}/attendees/search?q=muller")).StatusCode);
        using var content = new MultipartFormDataContent { { new ByteArrayContent("Name\nX\n"u8.ToArray()), "file", "a.csv" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/events/{evt.Id}/attendees/import", content)).StatusCode);

        (await organizer.PostAsync($"/api/users/{account.Id}/disable", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new LoginRequest("desk.anna", "desk-password-1"))).StatusCode);
    }

    [Fact]
    public async Task Taken_user_name_is_a_conflict()
    {
        var organizer = await app.OrganizerAsync();
        var response = await organizer.PostAsJsonAsync("/api/users", new Kiosk.Server.Staff.NewAccountRequest("ADMIN", "some-password-1", "Staff"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
