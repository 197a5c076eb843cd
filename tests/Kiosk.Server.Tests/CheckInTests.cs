using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Attendees;
using Kiosk.Testing;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

public sealed class SqliteCheckInTests(KioskApp app) : CheckInTests<KioskApp>(app);

public sealed class PostgresCheckInTests(PostgresKioskApp app) : CheckInTests<PostgresKioskApp>(app);

public sealed class SqlServerCheckInTests(SqlServerKioskApp app) : CheckInTests<SqlServerKioskApp>(app);

/// <summary>The entrance, on every engine: outcomes, idempotency by client scan id, and races.</summary>
public abstract class CheckInTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    private static CheckInRequest Scan(string token) => new(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow);

    private static async Task<CheckInResponse> PostAsync(HttpClient client, CheckInRequest request)
    {
        var response = await client.PostAsJsonAsync("/api/checkins", request, Json.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CheckInResponse>(Json.Options))!;
    }

    private Task<int> StoredScansAsync(int attendeeId) => app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.AttendeeId == attendeeId));

    [Fact]
    public async Task First_scan_checks_in_and_returns_what_the_kiosk_prints()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);

        var answer = await PostAsync(kiosk, Scan(await fair.TokenAsync("A-1")));

        Assert.Equal(CheckInOutcome.FirstCheckIn, answer.Outcome);
        Assert.Equal(("Dr.", "Anna", "Müller", "Stadt Essen"), (answer.Attendee!.Title, answer.Attendee.FirstName, answer.Attendee.LastName, answer.Attendee.Organization));
        Assert.NotNull(answer.CheckedInAt);
        Assert.NotNull((await fair.AttendeeAsync("A-1")).CheckedInAt);
    }

    [Fact]
    public async Task Second_scan_of_the_same_badge_says_already_checked_in_at_the_first_time()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var token = await fair.TokenAsync("A-2");

        var first = await PostAsync(kiosk, Scan(token));
        var second = await PostAsync(kiosk, Scan(token));

        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, second.Outcome);
        Assert.Equal(first.CheckedInAt, second.CheckedInAt);
    }

    [Fact]
    public async Task Same_client_scan_id_sent_fifty_times_in_parallel_is_stored_once_with_one_answer()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var scan = Scan(await fair.TokenAsync("A-3"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync(kiosk, scan)));

        Assert.All(answers, a => Assert.Equal(answers[0], a with { Attendee = answers[0].Attendee }));
        Assert.All(answers, a => Assert.Equal(CheckInOutcome.FirstCheckIn, a.Outcome));
        Assert.Equal(1, await StoredScansAsync(answers[0].Attendee!.Id));
    }

    [Fact]
    public async Task Replay_after_a_lost_response_gets_the_original_answer_even_after_later_scans()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var token = await fair.TokenAsync("A-4");
        var original = Scan(token);

        await PostAsync(kiosk, original);          // committed, but imagine the response was lost
        await PostAsync(kiosk, Scan(token));       // someone scans the badge again
        var retry = await PostAsync(kiosk, original);

        Assert.Equal(CheckInOutcome.FirstCheckIn, retry.Outcome);
        Assert.Equal(2, await StoredScansAsync(retry.Attendee!.Id));
    }

    [Fact]
    public async Task Different_scans_of_one_badge_racing_yield_exactly_one_first_check_in()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var kiosks = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, $"Kiosk {i}")));
        var token = await fair.TokenAsync("A-1");

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => PostAsync(kiosks[i % 4].Client, Scan(token))));

        Assert.Single(answers, a => a.Outcome == CheckInOutcome.FirstCheckIn);
        Assert.Equal(39, answers.Count(a => a.Outcome == CheckInOutcome.AlreadyCheckedIn));
        Assert.Single(answers.Select(a => a.CheckedInAt).Distinct());
        Assert.Equal(40, await StoredScansAsync(answers[0].Attendee!.Id));
    }

    [Fact]
    public async Task Token_of_a_reissued_badge_is_revoked()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var attendee = await fair.AttendeeAsync("A-2");
        var oldToken = await fair.TokenAsync(attendee.Id);
        await app.WithDbAsync(db => db.Badges.Where(b => b.AttendeeId == attendee.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Version, 2)));

        Assert.Equal(CheckInOutcome.Revoked, (await PostAsync(kiosk, Scan(oldToken))).Outcome);
        Assert.Equal(CheckInOutcome.FirstCheckIn, (await PostAsync(kiosk, Scan(await fair.TokenAsync(attendee.Id)))).Outcome);
    }

    [Fact]
    public async Task Cancelled_registration_is_refused()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var attendee = await fair.AttendeeAsync("A-3");
        await app.WithDbAsync(db => db.Attendees.Where(a => a.Id == attendee.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AttendeeStatus.Cancelled)));

        var answer = await PostAsync(kiosk, Scan(await fair.TokenAsync(attendee.Id)));

        Assert.Equal(CheckInOutcome.Cancelled, answer.Outcome);
        Assert.Null((await fair.AttendeeAsync("A-3")).CheckedInAt);
    }

    [Fact]
    public async Task Badge_of_another_event_is_wrong_event_at_a_terminal()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var other = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);

        var answer = await PostAsync(kiosk, Scan(await other.TokenAsync("A-1")));

        Assert.Equal(CheckInOutcome.WrongEvent, answer.Outcome);
        Assert.Null(answer.Attendee);
    }

    [Fact]
    public async Task Altered_or_foreign_text_is_invalid_and_stores_nothing()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var token = await fair.TokenAsync("A-4");
        var altered = token[..50] + (token[50] == 'A' ? 'B' : 'A') + token[51..];

        Assert.Equal(CheckInOutcome.Invalid, (await PostAsync(kiosk, Scan(altered))).Outcome);
        Assert.Equal(CheckInOutcome.Invalid, (await PostAsync(kiosk, Scan("https://example.org/not-a-badge"))).Outcome);
        Assert.Equal(0, await StoredScansAsync((await fair.AttendeeAsync("A-4")).Id));
    }

    [Fact]
    public async Task Staff_check_in_by_attendee_id_is_audited()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var attendee = await fair.AttendeeAsync("A-1");

        var badReason = await fair.Organizer.PostAsJsonAsync("/api/checkins", new CheckInRequest(null, attendee.Id, Guid.NewGuid(), DateTimeOffset.UtcNow, Reason: "Bad\u0007ge"), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        var answer = await PostAsync(fair.Organizer, new CheckInRequest(null, attendee.Id, Guid.NewGuid(), DateTimeOffset.UtcNow, Reason: "Badge vergessen"));

        Assert.Equal(CheckInOutcome.FirstCheckIn, answer.Outcome);
        var entry = Assert.Single(await app.WithDbAsync(db => db.AuditLog.Where(e => e.AttendeeId == attendee.Id && e.Action == "checkin.manual" && e.Actor == "admin").ToListAsync()));
        Assert.EndsWith("reason: Badge vergessen", entry.Details);
    }

    [Fact]
    public async Task Request_without_client_scan_id_or_with_both_targets_is_a_problem_with_a_stable_type()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var token = await fair.TokenAsync("A-1");

        var noId = await fair.Organizer.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, null, Guid.Empty, DateTimeOffset.UtcNow), Json.Options);
        var both = await fair.Organizer.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, 1, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.Equal("/problems/client-scan-id", (await noId.Content.ReadFromJsonAsync<ProblemDetails>())!.Type);
        Assert.Equal("/problems/checkin-target", (await both.Content.ReadFromJsonAsync<ProblemDetails>())!.Type);
    }

    [Fact]
    public async Task Check_in_without_credentials_is_unauthorized()
    {
        app.RequireEngine();
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/checkins", new CheckInRequest("x", null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
