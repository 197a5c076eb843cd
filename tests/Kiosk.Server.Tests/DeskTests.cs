using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Audit;
using Kiosk.Server.Desk;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests;

/// <summary>The help desk's views and rights: the attendee's story, the audit viewer, presence conflicts.</summary>
public sealed class DeskTests(KioskApp app) : IClassFixture<KioskApp>
{
    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    [Fact]
    public async Task Desk_view_tells_the_arrival_kiosk_the_scans_the_prints_and_the_audit_entries()
    {
        var fair = await Fair.OpenAsync(app);
        var staff = await app.UserAsync(fair.Organizer, "Staff");
        var anna = await fair.AttendeeAsync("A-1");
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd 2");
        var token = await fair.TokenAsync(anna.Id);
        await OkAsync<CheckInResponse>(await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options));
        await OkAsync<CheckInResponse>(await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options));
        await OkAsync<ReprintView>(await staff.PostAsJsonAsync($"/api/attendees/{anna.Id}/reprints", new ReprintRequest(enrolment.TerminalId, "Papierstau"), Json.Options));

        var desk = await OkAsync<AttendeeDesk>(await staff.GetAsync($"/api/attendees/{anna.Id}/desk"));

        Assert.Equal(("Anna", "Müller"), (desk.Attendee.FirstName, desk.Attendee.LastName));
        Assert.Equal("Eingang Süd 2", desk.Arrival!.TerminalName);
        Assert.Equal(anna.Badge!.Id, desk.Badge!.Id);
        Assert.Equal(1, desk.Badge.Version);
        Assert.Equal([CheckInOutcome.FirstCheckIn, CheckInOutcome.AlreadyCheckedIn], desk.CheckIns.Select(c => c.Outcome));
        Assert.Equal([("checkin", (string?)null), ("reprint", "Papierstau")], desk.Prints.Select(p => (p.Kind, p.Reason)));
        Assert.All(desk.Prints, p => Assert.Equal("Eingang Süd 2", p.TerminalName));
        Assert.Equal("badge.reprint-ordered", Assert.Single(desk.Audit).Action);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/attendees/999999/desk")).StatusCode);
    }

    [Fact]
    public async Task A_reprint_not_printed_yet_says_what_holds_it_paper_out_or_the_kiosk_offline()
    {
        var fair = await Fair.OpenAsync(app);
        var staff = await app.UserAsync(fair.Organizer, "Staff");
        var anna = await fair.AttendeeAsync("A-1");
        var (nord, nordEnrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Nord 1");
        var (_, suedEnrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd 2");
        (await nord.PostAsJsonAsync("/api/terminal/heartbeat", new TerminalHeartbeat("1.0.0", 0, "PaperOut", "lobby"), Json.Options)).EnsureSuccessStatusCode();
        await OkAsync<ReprintView>(await staff.PostAsJsonAsync($"/api/attendees/{anna.Id}/reprints", new ReprintRequest(nordEnrolment.TerminalId, "Papierstau"), Json.Options));
        await OkAsync<ReprintView>(await staff.PostAsJsonAsync($"/api/attendees/{anna.Id}/reprints", new ReprintRequest(suedEnrolment.TerminalId, "Papierstau"), Json.Options));

        var desk = await OkAsync<AttendeeDesk>(await staff.GetAsync($"/api/attendees/{anna.Id}/desk"));
        Assert.Equal([("Eingang Nord 1", "PaperOut"), ("Eingang Süd 2", "KioskOffline")], desk.Prints.Select(p => (p.TerminalName, p.Held)));

        // Paper is back: nothing known holds the order any more.
        (await nord.PostAsJsonAsync("/api/terminal/heartbeat", new TerminalHeartbeat("1.0.0", 0, "Ready", "lobby"), Json.Options)).EnsureSuccessStatusCode();
        desk = await OkAsync<AttendeeDesk>(await staff.GetAsync($"/api/attendees/{anna.Id}/desk"));
        Assert.Null(desk.Prints[0].Held);
    }

    [Fact]
    public async Task Staff_check_in_names_the_staff_user_and_an_undo_shows_in_the_history()
    {
        var fair = await Fair.OpenAsync(app);
        var staff = await app.UserAsync(fair.Organizer, "Staff");
        var juergen = await fair.AttendeeAsync("A-2");
        await OkAsync<CheckInResponse>(await staff.PostAsJsonAsync("/api/checkins", new CheckInRequest(null, juergen.Id, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options));
        await OkAsync<UndoResult>(await staff.PostAsJsonAsync($"/api/attendees/{juergen.Id}/checkin/undo", new { reason = "Verwechslung" }));
        await OkAsync<CheckInResponse>(await staff.PostAsJsonAsync("/api/checkins", new CheckInRequest(null, juergen.Id, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options));

        var desk = await OkAsync<AttendeeDesk>(await staff.GetAsync($"/api/attendees/{juergen.Id}/desk"));

        Assert.StartsWith("staff.", desk.Arrival!.StaffUser, StringComparison.OrdinalIgnoreCase);
        Assert.Null(desk.Arrival.TerminalName);
        Assert.Equal(2, desk.CheckIns.Count(c => c.Outcome == CheckInOutcome.FirstCheckIn));
        Assert.Equal("Verwechslung", Assert.Single(desk.Undos).Reason);
        Assert.Empty(desk.Prints);
        Assert.Equal(["checkin.manual", "checkin.undone", "checkin.manual"], desk.Audit.Select(a => a.Action).Reverse());
    }

    [Fact]
    public async Task Desk_routes_are_for_staff_and_organizers_and_the_audit_viewer_for_organizers_only()
    {
        var fair = await Fair.OpenAsync(app);
        var staff = await app.UserAsync(fair.Organizer, "Staff");
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        using var anonymous = app.Anonymous();
        var id = (await fair.AttendeeAsync("A-1")).Id;
        var requests = new Func<HttpClient, Task<HttpResponseMessage>>[]
        {
            c => c.GetAsync($"/api/attendees/{id}/desk"),
            c => c.PatchAsJsonAsync($"/api/attendees/{id}", new { lastName = "X", reason = "x" }),
            c => c.PostAsJsonAsync($"/api/attendees/{id}/badge/reissue", new { reason = "x" }),
            c => c.PostAsJsonAsync($"/api/attendees/{id}/checkin/undo", new { reason = "x" }),
            c => c.GetAsync($"/api/events/{fair.Event.Id}/presence/conflicts"),
            c => c.PostAsJsonAsync("/api/presence/conflicts/1/resolve", new { note = "x" }),
            c => c.GetAsync($"/api/events/{fair.Event.Id}/checkins/conflicts"),
            c => c.PostAsJsonAsync("/api/checkins/conflicts/1/resolve", new { note = "x" }),
            c => c.GetAsync($"/api/events/{fair.Event.Id}/desk/kiosks"),
        };
        foreach (var request in requests)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await request(kiosk)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await request(anonymous)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/events/{fair.Event.Id}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync($"/api/events/{fair.Event.Id}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fair.Organizer.GetAsync($"/api/events/{fair.Event.Id}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/events/{fair.Event.Id}/desk/kiosks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fair.Organizer.GetAsync($"/api/attendees/{id}/desk")).StatusCode);
    }

    [Fact]
    public async Task Every_desk_act_writes_exactly_one_audit_entry_with_actor_action_attendee_kiosk_and_reason()
    {
        var fair = await Fair.OpenAsync(app);
        var staff = await app.UserAsync(fair.Organizer, "Staff");
        var staffName = (await staff.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/me")).GetProperty("name").GetString();
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var soeren = (await fair.AttendeeAsync("A-3")).Id;

        async Task<AuditEntry> ActAsync(string action, Func<Task<HttpResponseMessage>> act, string reason, int? terminalId = null)
        {
            var before = await app.WithDbAsync(db => db.AuditLog.MaxAsync(a => (long?)a.Id)) ?? 0;
            var response = await act();
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var entry = Assert.Single(await app.WithDbAsync(db => db.AuditLog.Where(a => a.Id > before).ToListAsync()));
            Assert.Equal((staffName, action, fair.Event.Id, (int?)soeren, terminalId), (entry.Actor, entry.Action, entry.EventId, entry.AttendeeId, entry.TerminalId));
            Assert.Contains(reason, entry.Details);
            return entry;
        }

        await ActAsync("attendee.corrected", () => staff.PatchAsJsonAsync($"/api/attendees/{soeren}", new { organization = "Rathaus Digital AG", reason = "Rechtsform" }), "Rechtsform");
        await ActAsync("badge.reprint-ordered", () => staff.PostAsJsonAsync($"/api/attendees/{soeren}/reprints", new { terminalId = enrolment.TerminalId, reason = "Druck blass" }), "Druck blass", enrolment.TerminalId);
        await ActAsync("badge.reissued", () => staff.PostAsJsonAsync($"/api/attendees/{soeren}/badge/reissue", new { reason = "verloren" }), "verloren");
        await ActAsync("checkin.manual", () => staff.PostAsJsonAsync("/api/checkins", new CheckInRequest(null, soeren, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options), "FirstCheckIn");
        await ActAsync("checkin.undone", () => staff.PostAsJsonAsync($"/api/attendees/{soeren}/checkin/undo", new { reason = "zu früh" }), "zu früh");

        // A correction with a reprint is two acts: the correction, and the order at the kiosk.
        var before = await app.WithDbAsync(db => db.AuditLog.MaxAsync(a => a.Id));
        var both = await OkAsync<CorrectionResult>(await staff.PatchAsJsonAsync($"/api/attendees/{soeren}", new { firstName = "Søren", reason = "Schreibweise", reprintAt = enrolment.TerminalId }));
        Assert.Equal(enrolment.TerminalId, both.Reprint!.TerminalId);
        var entries = await app.WithDbAsync(db => db.AuditLog.Where(a => a.Id > before).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([("attendee.corrected", (int?)null), ("badge.reprint-ordered", enrolment.TerminalId)], entries.Select(e => (e.Action, e.TerminalId)));
        Assert.All(entries, e => Assert.DoesNotContain("Søren", e.Details));
        var orders = await kiosk.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options);
        Assert.Equal(2, orders!.Count);
    }

    [Fact]
    public async Task Audit_viewer_pages_newest_first_and_filters_by_attendee_and_action()
    {
        var fair = await Fair.OpenAsync(app);
        var staff = await app.UserAsync(fair.Organizer, "Staff");
        var anna = (await fair.AttendeeAsync("A-1")).Id;
        var zoe = (await fair.AttendeeAsync("A-4")).Id;
        foreach (var id in new[] { anna, zoe, anna })
            await OkAsync<CheckInResponse>(await staff.PostAsJsonAsync("/api/checkins", new CheckInRequest(null, id, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options));
        await OkAsync<ReissueResult>(await staff.PostAsJsonAsync($"/api/attendees/{anna}/badge/reissue", new { reason = "verloren" }));
        var url = $"/api/events/{fair.Event.Id}/audit";

        var first = await OkAsync<AuditPage>(await fair.Organizer.GetAsync($"{url}?limit=2"));
        Assert.Equal(["badge.reissued", "checkin.manual"], first.Entries.Select(e => e.Action));
        Assert.Equal(first.Entries[^1].Id, first.Before);
        var second = await OkAsync<AuditPage>(await fair.Organizer.GetAsync($"{url}?limit=2&before={first.Before}"));
        Assert.Equal([zoe, anna], second.Entries.Select(e => e.AttendeeId!.Value));
        Assert.True(second.Entries[0].Id < first.Entries[^1].Id);
        var all = await OkAsync<AuditPage>(await fair.Organizer.GetAsync($"{url}?limit=200"));
        Assert.Equal(first.Entries.Concat(second.Entries).Select(e => e.Id), all.Entries.Take(4).Select(e => e.Id));
        Assert.Null(all.Before);

        var annas = await OkAsync<AuditPage>(await fair.Organizer.GetAsync($"{url}?attendeeId={anna}&action=checkin.manual"));
        Assert.Equal(2, annas.Entries.Count);
        Assert.All(annas.Entries, e => Assert.Equal((anna, "checkin.manual"), (e.AttendeeId!.Value, e.Action)));
        Assert.Equal("/problems/audit-limit", (await (await fair.Organizer.GetAsync($"{url}?limit=201")).Content.ReadFromJsonAsync<ProblemDetails>())!.Type);
        Assert.Equal(HttpStatusCode.BadRequest, (await fair.Organizer.GetAsync($"{url}?limit=0")).StatusCode);
    }

    [Fact]
    public void No_route_changes_or_deletes_audit_entries()
    {
        var routes = app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText ?? "", Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();
        var audit = routes.Where(r => r.Pattern.Contains("audit", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(audit, r => r.Methods.Contains("GET"));
        Assert.All(audit, r => Assert.Equal(["GET"], r.Methods));
        // And nothing that writes takes an audit entry's id.
        Assert.DoesNotContain(routes, r => r.Pattern.Contains("/audit/", StringComparison.OrdinalIgnoreCase) && r.Methods.Any(m => m != "GET"));
    }

    [Fact]
    public async Task Flagged_presence_scans_are_listed_with_room_and_name_and_reviewed_once_without_touching_the_log()
    {
        var fair = await Fair.OpenAsync(app);
        var staff = await app.UserAsync(fair.Organizer, "Staff");
        var (door, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Tür Dialoginsel");
        var room = await OkAsync<RoomOccupancy>(await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms", new RoomRequest("Dialoginsel Ost", RoomKind.DialogueIsland, 10), Json.Options));
        var juergen = (await fair.AttendeeAsync("A-2")).Id;
        // Uploaded twenty minutes late, of someone who never checked in: counted and flagged.
        var late = await OkAsync<PresenceResponse>(await door.PostAsJsonAsync("/api/presence",
            new PresenceRequest(null, juergen, false, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-20)), Json.Options));
        Assert.Equal(ScanConflict.NotCheckedIn, late.Conflict);
        var url = $"/api/events/{fair.Event.Id}/presence/conflicts";

        Assert.Contains("\"conflict\":\"not checked in\"", await staff.GetStringAsync(url));
        var conflict = Assert.Single(await OkAsync<List<PresenceConflict>>(await staff.GetAsync(url)));
        Assert.Equal(("Dialoginsel Ost", juergen, "Jürgen Groß", ScanConflict.NotCheckedIn, (ConflictReviewView?)null),
            (conflict.RoomName, conflict.AttendeeId, conflict.AttendeeName, conflict.Conflict, conflict.Review));
        var logBefore = await app.WithDbAsync(db => db.PresenceLog.AsNoTracking().SingleAsync(p => p.Id == conflict.ScanId));

        var resolve = $"/api/presence/conflicts/{conflict.ScanId}/resolve";
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(resolve, new { note = "" })).StatusCode);
        var review = await OkAsync<ConflictReviewView>(await staff.PostAsJsonAsync(resolve, new { note = "Am Empfang nachgetragen" }));
        Assert.Equal("Am Empfang nachgetragen", review.Note);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync(resolve, new { note = "noch einmal" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/presence/conflicts/999999/resolve", new { note = "x" })).StatusCode);

        Assert.Equal("Am Empfang nachgetragen", Assert.Single(await OkAsync<List<PresenceConflict>>(await staff.GetAsync(url))).Review!.Note);
        var logAfter = await app.WithDbAsync(db => db.PresenceLog.AsNoTracking().SingleAsync(p => p.Id == conflict.ScanId));
        Assert.Equivalent(logBefore, logAfter);
        var entry = Assert.Single(await app.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "presence.conflict-reviewed" && a.EventId == fair.Event.Id).ToListAsync()));
        Assert.Equal((juergen, enrolment.TerminalId), (entry.AttendeeId!.Value, entry.TerminalId!.Value));
        Assert.Contains("Am Empfang nachgetragen", entry.Details);
        Assert.Equal(0, (await fair.Organizer.GetFromJsonAsync<Dashboard.DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options))!.Conflicts);
    }

    [Fact]
    public async Task Badges_printed_twice_are_listed_with_kiosk_and_name_reviewed_once_and_then_leave_the_dashboard_count()
    {
        var fair = await Fair.OpenAsync(app);
        var staff = await app.UserAsync(fair.Organizer, "Staff");
        var (north, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Nord 1");
        var (south, southEnrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd 2");
        var zoe = (await fair.AttendeeAsync("A-4")).Id;
        var token = await fair.TokenAsync(zoe);
        // Both kiosks were offline, both admitted Zoë and printed her badge; their uploads arrive later.
        await OkAsync<CheckInResponse>(await north.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-9), BadgePrinted: true), Json.Options));
        await OkAsync<CheckInResponse>(await south.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-8), BadgePrinted: true), Json.Options));
        var url = $"/api/events/{fair.Event.Id}/checkins/conflicts";
        Task<int> DashboardConflictsAsync() => fair.Organizer.GetFromJsonAsync<Dashboard.DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options).ContinueWith(t => t.Result!.Conflicts);

        Assert.Contains("\"conflict\":\"printed twice\"", await staff.GetStringAsync(url));
        var conflict = Assert.Single(await OkAsync<List<CheckInConflict>>(await staff.GetAsync(url)));
        Assert.Equal((zoe, "Zoë Öztürk", ScanConflict.PrintedTwice, "Eingang Süd 2", (ConflictReviewView?)null),
            (conflict.AttendeeId, conflict.AttendeeName, conflict.Conflict, conflict.TerminalName, conflict.Review));
        Assert.Equal(1, await DashboardConflictsAsync());

        var resolve = $"/api/checkins/conflicts/{conflict.CheckInId}/resolve";
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(resolve, new { note = " " })).StatusCode);
        await OkAsync<ConflictReviewView>(await staff.PostAsJsonAsync(resolve, new { note = "Zweiten Ausweis eingezogen" }));
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync(resolve, new { note = "noch einmal" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/checkins/conflicts/999999/resolve", new { note = "x" })).StatusCode);

        Assert.Equal("Zweiten Ausweis eingezogen", Assert.Single(await OkAsync<List<CheckInConflict>>(await staff.GetAsync(url))).Review!.Note);
        Assert.Equal(0, await DashboardConflictsAsync());
        var entry = Assert.Single(await app.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "checkin.conflict-reviewed" && a.EventId == fair.Event.Id).ToListAsync()));
        Assert.Equal((zoe, southEnrolment.TerminalId), (entry.AttendeeId!.Value, entry.TerminalId!.Value));
        // The check-in itself is untouched: the log stays append-only.
        Assert.Equal(ScanConflict.PrintedTwice, await app.WithDbAsync(db => db.CheckIns.Where(c => c.Id == conflict.CheckInId).Select(c => c.Conflict).SingleAsync()));
        // Stored as the same words as always (the column is text).
        Assert.Equal(["printed twice"], await app.WithDbAsync(db =>
            db.Database.SqlQuery<string>($"SELECT \"Conflict\" AS \"Value\" FROM \"CheckIns\" WHERE \"Id\" = {conflict.CheckInId}").ToListAsync()));
    }

    [Fact]
    public void Correction_rules_name_the_changed_fields_and_treat_empty_optional_fields_as_cleared()
    {
        var current = new DeskRules.Names("Dr.", "Anna", "Müller", "Stadt Essen");
        var (correction, refusal) = DeskRules.Correct(current, new CorrectionRequest("", null, " Müller ", "Stadt Essen ", "Titel entfällt", null));
        Assert.Null(refusal);
        Assert.Equal(["title"], correction!.Changed);
        Assert.Equal(new DeskRules.Names(null, "Anna", "Müller", "Stadt Essen"), correction.After);
        Assert.Equal("correction-characters", DeskRules.Correct(current, new CorrectionRequest(null, "An\tna", null, null, "x", null)).Refusal!.Slug);
        Assert.Equal("reason", DeskRules.Correct(current, new CorrectionRequest(null, "Anne", null, null, "a\u0007", null)).Refusal!.Slug);
        Assert.Equal("reason", DeskRules.Correct(current, new CorrectionRequest(null, "Anne", null, null, new string('x', 201), null)).Refusal!.Slug);
    }

    [Fact]
    public void Corrections_follow_the_name_rules_of_the_import_and_the_kiosk()
    {
        var current = new DeskRules.Names(null, "Müller", "Anna", "Stadt Essen"); // the export had the columns swapped
        DeskRules.Correction Correct(string? first, string? last, string? org = null) => DeskRules.Correct(current, new CorrectionRequest(null, first, last, org, "Spalten vertauscht", null)).Correction!;
        string? Refused(string? first, string? last, string? org = null) => DeskRules.Correct(current, new CorrectionRequest(null, first, last, org, "x", null)).Refusal?.Slug;

        // A single name is a last name: the first name may be cleared, the last name may not.
        Assert.Equal(new DeskRules.Names(null, "", "Müller", "Stadt Essen"), Correct("", "Müller").After);
        Assert.Equal("correction-empty-name", Refused(null, " "));
        // White space is tidied as everywhere else before it is stored or counted.
        Assert.Equal(new DeskRules.Names(null, "Anna Maria", "Müller-Lüdenscheidt", "Stadt Essen"), Correct("  Anna \u00A0 Maria ", "Müller-Lüdenscheidt").After);
        Assert.Equal(["firstName", "lastName"], Correct("Anna\u2028Maria", "Groß").Changed);
        Assert.Null(Refused(new string('ä', 100), "O'Brien", "  " + new string('x', 199) + "  "));
        Assert.Equal("correction-length", Refused(new string('ä', 101), null));
        Assert.Equal("correction-characters", Refused(null, "Groß\u0000"));
    }
}
