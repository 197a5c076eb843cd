using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Dashboard;
using Kiosk.Server.Desk;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

public sealed class SqliteDeskActsTests(KioskApp app) : DeskActsTests<KioskApp>(app);

public sealed class PostgresDeskActsTests(PostgresKioskApp app) : DeskActsTests<PostgresKioskApp>(app);

public sealed class SqlServerDeskActsTests(SqlServerKioskApp app) : DeskActsTests<SqlServerKioskApp>(app);

/// <summary>The help desk's acts that change an attendee, on every engine: correction, badge reissue, check-in undo.</summary>
public abstract class DeskActsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    private async Task<(Fair Fair, HttpClient Staff)> OpenAsync()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        return (fair, await app.UserAsync(fair.Organizer, "Staff"));
    }

    private Task<long> RosterSeqAsync(int attendeeId) => app.WithDbAsync(db => db.Attendees.Where(a => a.Id == attendeeId).Select(a => a.RosterSeq).SingleAsync());

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
    }

    [Fact]
    public async Task Correction_changes_the_names_reaches_the_roster_and_audits_field_names_and_reason_only()
    {
        var (fair, staff) = await OpenAsync();
        var juergen = await fair.AttendeeAsync("A-2");
        var seqBefore = await RosterSeqAsync(juergen.Id);

        var response = await staff.PatchAsJsonAsync($"/api/attendees/{juergen.Id}",
            new { firstName = "  Jürgen ", lastName = "Großmann", organization = "Kreis Recklinghausen – Digitales", reason = "Tippfehler im Nachnamen" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<CorrectionResult>(Json.Options))!;

        Assert.Equal(["lastName", "organization"], result.Changed);
        var stored = await fair.AttendeeAsync("A-2");
        Assert.Equal(("Jürgen", "Großmann", "Kreis Recklinghausen – Digitales"), (stored.FirstName, stored.LastName, stored.Organization));
        Assert.True(stored.RosterSeq > seqBefore);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var page = await kiosk.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={seqBefore}", Json.Options);
        Assert.Equal("Großmann", Assert.Single(page!.Attendees, e => e.Id == juergen.Id).LastName);

        var entry = Assert.Single(await app.WithDbAsync(db => db.AuditLog.Where(a => a.AttendeeId == juergen.Id && a.Action == "attendee.corrected").ToListAsync()));
        Assert.Contains("lastName, organization", entry.Details);
        Assert.Contains("Tippfehler im Nachnamen", entry.Details);
        foreach (var personal in new[] { "Groß", "Großmann", "Jürgen", "Kreis", "Digitales" }) Assert.DoesNotContain(personal, entry.Details);
        // The search finds the corrected name at once.
        var hits = await staff.GetFromJsonAsync<Attendees.AttendeeResponse[]>($"/api/events/{fair.Event.Id}/attendees/search?q=grossmann", Json.Options);
        Assert.Equal(juergen.Id, hits![0].Id);
    }

    [Fact]
    public async Task Correction_refuses_control_characters_empty_names_overlong_fields_missing_reason_and_unknown_attendees()
    {
        var (fair, staff) = await OpenAsync();
        var anna = await fair.AttendeeAsync("A-1");
        var url = $"/api/attendees/{anna.Id}";

        Assert.Equal("/problems/correction-characters", (await ProblemAsync(await staff.PatchAsJsonAsync(url, new { lastName = "Mül\nler", reason = "x" }), HttpStatusCode.BadRequest)).Type);
        Assert.Equal("/problems/correction-empty-name", (await ProblemAsync(await staff.PatchAsJsonAsync(url, new { lastName = "  ", reason = "x" }), HttpStatusCode.BadRequest)).Type);
        Assert.Equal("/problems/correction-length", (await ProblemAsync(await staff.PatchAsJsonAsync(url, new { organization = new string('ä', 201), reason = "x" }), HttpStatusCode.BadRequest)).Type);
        Assert.Equal("/problems/correction-length", (await ProblemAsync(await staff.PatchAsJsonAsync(url, new { title = new string('D', 51), reason = "x" }), HttpStatusCode.BadRequest)).Type);
        Assert.Equal("/problems/reason", (await ProblemAsync(await staff.PatchAsJsonAsync(url, new { lastName = "Müller-Lüdenscheidt" }), HttpStatusCode.BadRequest)).Type);
        Assert.Equal("/problems/correction-unchanged", (await ProblemAsync(await staff.PatchAsJsonAsync(url, new { lastName = "Müller", reason = "x" }), HttpStatusCode.BadRequest)).Type);
        Assert.Equal("/problems/reprint-terminal", (await ProblemAsync(await staff.PatchAsJsonAsync(url, new { lastName = "Möller", reason = "x", reprintAt = 999999 }), HttpStatusCode.BadRequest)).Type);
        await ProblemAsync(await staff.PatchAsJsonAsync("/api/attendees/999999", new { lastName = "Möller", reason = "x" }), HttpStatusCode.NotFound);

        var unchanged = await fair.AttendeeAsync("A-1");
        Assert.Equal(("Dr.", "Anna", "Müller", "Stadt Essen", anna.RosterSeq), (unchanged.Title, unchanged.FirstName, unchanged.LastName, unchanged.Organization, unchanged.RosterSeq));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditLog.CountAsync(a => a.AttendeeId == anna.Id)));
    }

    [Fact]
    public async Task Reissued_badge_revokes_the_old_token_at_check_in_and_at_room_doors_and_the_new_one_works()
    {
        var (fair, staff) = await OpenAsync();
        var soeren = await fair.AttendeeAsync("A-3");
        var oldToken = await fair.TokenAsync(soeren.Id);

        var response = await staff.PostAsJsonAsync($"/api/attendees/{soeren.Id}/badge/reissue", new { reason = "Badge verloren" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var reissued = (await response.Content.ReadFromJsonAsync<ReissueResult>(Json.Options))!;
        Assert.Equal((soeren.Badge!.Id, 2), (reissued.BadgeId, reissued.Version));
        var after = await fair.AttendeeAsync("A-3");
        Assert.True(after.RosterSeq > soeren.RosterSeq);
        Assert.True(after.Badge!.IssuedAt > soeren.Badge.IssuedAt);
        var newToken = await fair.TokenAsync(soeren.Id);
        Assert.NotEqual(oldToken, newToken);

        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var room = await fair.RoomAsync("Dialoginsel Süd", 20, RoomKind.DialogueIsland);
        async Task<CheckInOutcome> CheckInAsync(string token) =>
            (await (await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options))
                .Content.ReadFromJsonAsync<CheckInResponse>(Json.Options))!.Outcome;
        async Task<PresenceDecision> EnterAsync(string token) =>
            (await (await kiosk.PostAsJsonAsync("/api/presence", new PresenceRequest(token, null, false, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options))
                .Content.ReadFromJsonAsync<PresenceResponse>(Json.Options))!.Decision;

        Assert.Equal(CheckInOutcome.Revoked, await CheckInAsync(oldToken));
        Assert.Equal(CheckInOutcome.FirstCheckIn, await CheckInAsync(newToken));
        Assert.Equal(PresenceDecision.Revoked, await EnterAsync(oldToken));
        Assert.Equal(PresenceDecision.Admitted, await EnterAsync(newToken));

        var entry = Assert.Single(await app.WithDbAsync(db => db.AuditLog.Where(a => a.AttendeeId == soeren.Id && a.Action == "badge.reissued").ToListAsync()));
        Assert.Contains("Badge verloren", entry.Details);
        Assert.Equal("/problems/reason", (await ProblemAsync(await staff.PostAsJsonAsync($"/api/attendees/{soeren.Id}/badge/reissue", new { reason = "" }), HttpStatusCode.BadRequest)).Type);
        await ProblemAsync(await staff.PostAsJsonAsync("/api/attendees/999999/badge/reissue", new { reason = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Undone_check_in_keeps_the_scans_leaves_the_arrivals_and_the_attendee_can_check_in_again()
    {
        var (fair, staff) = await OpenAsync();
        var zoe = await fair.AttendeeAsync("A-4");
        var undo = $"/api/attendees/{zoe.Id}/checkin/undo";
        Assert.Equal("/problems/not-checked-in", (await ProblemAsync(await staff.PostAsJsonAsync(undo, new { reason = "falsche Person" }), HttpStatusCode.Conflict)).Type);

        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var first = await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(await fair.TokenAsync(zoe.Id), null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        Assert.Equal(CheckInOutcome.FirstCheckIn, (await first.Content.ReadFromJsonAsync<CheckInResponse>(Json.Options))!.Outcome);
        var seqBefore = await RosterSeqAsync(zoe.Id);
        Assert.Equal(1, (await fair.Organizer.GetFromJsonAsync<DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options))!.Arrived);

        Assert.Equal("/problems/reason", (await ProblemAsync(await staff.PostAsJsonAsync(undo, new { reason = " " }), HttpStatusCode.BadRequest)).Type);
        var response = await staff.PostAsJsonAsync(undo, new { reason = "Falsche Person eingecheckt" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var after = await fair.AttendeeAsync("A-4");
        Assert.Null(after.CheckedInAt);
        Assert.True(after.RosterSeq > seqBefore);
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.AttendeeId == zoe.Id)));
        Assert.Equal("Falsche Person eingecheckt", Assert.Single(await app.WithDbAsync(db => db.CheckInUndos.Where(u => u.AttendeeId == zoe.Id).ToListAsync())).Reason);
        var snapshot = (await fair.Organizer.GetFromJsonAsync<DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options))!;
        Assert.Equal((0, 0), (snapshot.Arrived, snapshot.Arrivals.Sum(b => b.Count)));
        Assert.Equal("/problems/not-checked-in", (await ProblemAsync(await staff.PostAsJsonAsync(undo, new { reason = "noch mal" }), HttpStatusCode.Conflict)).Type);

        var again = await staff.PostAsJsonAsync("/api/checkins", new CheckInRequest(null, zoe.Id, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        Assert.Equal(CheckInOutcome.FirstCheckIn, (await again.Content.ReadFromJsonAsync<CheckInResponse>(Json.Options))!.Outcome);
        Assert.NotNull((await fair.AttendeeAsync("A-4")).CheckedInAt);
        Assert.Equal(1, (await fair.Organizer.GetFromJsonAsync<DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options))!.Arrived);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditLog.CountAsync(a => a.AttendeeId == zoe.Id && a.Action == "checkin.undone")));
    }

    [Fact]
    public async Task After_an_erasure_the_desk_neither_changes_nor_prints_nor_undoes_anything()
    {
        var (fair, staff) = await OpenAsync();
        var soeren = await fair.AttendeeAsync("A-3");
        (await staff.PostAsJsonAsync("/api/checkins", new CheckInRequest(null, soeren.Id, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();
        var (_, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var erase = await fair.Organizer.PostAsJsonAsync($"/api/attendees/{soeren.Id}/erase", new { reason = "Anfrage vom 20.11., Ticket 4711" });
        Assert.True(erase.IsSuccessStatusCode, await erase.Content.ReadAsStringAsync());
        var erased = await fair.AttendeeAsync(soeren.Id);

        var url = $"/api/attendees/{soeren.Id}";
        Assert.Equal("/problems/erased", (await ProblemAsync(await staff.PatchAsJsonAsync(url, new { lastName = "Weiß", reason = "zurückholen" }), HttpStatusCode.Conflict)).Type);
        Assert.Equal("/problems/erased", (await ProblemAsync(await staff.PostAsJsonAsync($"{url}/reprints", new { terminalId = enrolment.TerminalId, reason = "Papierstau" }), HttpStatusCode.Conflict)).Type);
        Assert.Equal("/problems/erased", (await ProblemAsync(await staff.PostAsJsonAsync($"{url}/badge/reissue", new { reason = "verloren" }), HttpStatusCode.Conflict)).Type);
        Assert.Equal("/problems/erased", (await ProblemAsync(await staff.PostAsJsonAsync($"{url}/checkin/undo", new { reason = "falsch" }), HttpStatusCode.Conflict)).Type);

        var after = await fair.AttendeeAsync(soeren.Id);
        Assert.Equal((erased.FirstName, erased.LastName, erased.RosterSeq, erased.CheckedInAt), (after.FirstName, after.LastName, after.RosterSeq, after.CheckedInAt));
        Assert.Equal(0, await app.WithDbAsync(db => db.Reprints.CountAsync(r => r.AttendeeId == soeren.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckInUndos.CountAsync(u => u.AttendeeId == soeren.Id)));
        var desk = await staff.GetFromJsonAsync<AttendeeDesk>($"{url}/desk", Json.Options);
        Assert.NotNull(desk!.AnonymisedAt);
    }
}
