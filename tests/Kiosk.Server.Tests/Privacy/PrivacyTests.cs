using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kiosk.Server.Privacy;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Privacy;

/// <summary>Retention on a real SQLite file, and the data subject rights: Art. 15 export, Art. 17 erasure.</summary>
public sealed class PrivacyTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task Events_not_yet_past_their_retention_period_are_left_alone()
    {
        var running = await MarkerFair.OpenAsync(app);
        var recent = await MarkerFair.OpenAsync(app);
        await recent.EndedDaysAgoAsync(app, 29); // retention is 30 days by default

        var purged = await MarkerFair.RunRetentionAsync(app);

        Assert.DoesNotContain(running.EventId, purged);
        Assert.DoesNotContain(recent.EventId, purged);
        foreach (var fair in new[] { running, recent })
        {
            var marker = await fair.Fair.AttendeeAsync(fair.Registration);
            Assert.Equal((fair.First, fair.Email, fair.MarkerBadge, null), (marker.FirstName, marker.Email, marker.Badge!.Id, marker.AnonymisedAt));
        }
        Assert.Equal(recent.PersonalMarkers, DatabaseFile.Find(await DatabaseFile.PathAsync(app), recent.PersonalMarkers));
    }

    [Fact]
    public async Task Running_the_retention_job_twice_changes_nothing_the_second_time()
    {
        var fair = await MarkerFair.OpenAsync(app);
        await fair.EndedDaysAgoAsync(app, 40);
        Assert.Contains(fair.EventId, await MarkerFair.RunRetentionAsync(app));
        var first = await SnapshotAsync(fair.EventId);

        Assert.DoesNotContain(fair.EventId, await MarkerFair.RunRetentionAsync(app));
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<Erasure>().PurgeEventAsync(fair.EventId, CancellationToken.None));

        Assert.Equal(first, await SnapshotAsync(fair.EventId));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditLog.CountAsync(e => e.EventId == fair.EventId && e.Action == "privacy.event-purged")));
    }

    [Fact]
    public async Task Art15_export_is_a_download_of_everything_stored_about_the_person()
    {
        var fair = await MarkerFair.OpenAsync(app);

        var response = await fair.Fair.Organizer.GetAsync($"/api/attendees/{fair.MarkerId}/personal-data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var marker in fair.MarkerPersonOnly) Assert.Contains(marker, text, StringComparison.OrdinalIgnoreCase);
        var export = JsonSerializer.Deserialize<PersonalDataExport>(text, Json.Options)!;
        Assert.Equal((fair.First, fair.Last, fair.Email, "Prof."), (export.Attendee.FirstName, export.Attendee.LastName, export.Attendee.Email, export.Attendee.Title));
        Assert.Equal(fair.MarkerBadge, export.Badge!.Id);
        Assert.Equal(CheckInOutcome.FirstCheckIn, Assert.Single(export.CheckIns).Outcome);
        Assert.Equal("Eingang Süd", export.CheckIns[0].Terminal);
        Assert.Equal((MarkerFair.Room, PresenceDirection.In), (Assert.Single(export.PresenceScans).Room, export.PresenceScans[0].Direction));
        Assert.Equal("KI in der Verwaltung", Assert.Single(export.SessionBookings).Session);
        Assert.Contains(fair.Last, Assert.Single(export.Reprints).Reason);
        Assert.Null(export.WalkIn);
        Assert.NotEmpty(export.Purposes);
        var ordered = Assert.Single(export.AuditEntries, e => e.Action == "badge.reprint-ordered");
        Assert.Equal("Organizer", ordered.ActorRole);
        Assert.DoesNotContain("admin", text); // the staff member's name is theirs, not the attendee's
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditLog.CountAsync(e => e.AttendeeId == fair.MarkerId && e.Action == "privacy.exported" && e.Details == null)));

        var walkIn = JsonSerializer.Deserialize<PersonalDataExport>(await fair.Fair.Organizer.GetStringAsync($"/api/attendees/{fair.WalkInId}/personal-data"), Json.Options)!;
        Assert.Equal((fair.WalkInFirst, "Eingang Süd"), (walkIn.Attendee.FirstName, walkIn.WalkIn!.Terminal));

        var staff = await app.UserAsync(fair.Fair.Organizer, "Staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/attendees/{fair.MarkerId}/personal-data")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fair.Fair.Organizer.GetAsync("/api/attendees/999999/personal-data")).StatusCode);
    }

    [Fact]
    public async Task Art17_erasure_leaves_no_trace_of_the_person_in_the_file_and_keeps_everyone_else()
    {
        var fair = await MarkerFair.OpenAsync(app);
        var file = await DatabaseFile.PathAsync(app);
        Assert.Equal(fair.MarkerPersonOnly, DatabaseFile.Find(file, fair.MarkerPersonOnly));
        var checkIns = await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.EventId == fair.EventId));
        var seq = await app.WithDbAsync(db => db.Events.Where(e => e.Id == fair.EventId).Select(e => e.RosterSeq).SingleAsync());
        var organizer = fair.Fair.Organizer;

        Assert.Equal(HttpStatusCode.BadRequest, (await organizer.PostAsJsonAsync($"/api/attendees/{fair.MarkerId}/erase", new EraseRequest(" "))).StatusCode);
        var staff = await app.UserAsync(organizer, "Staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/attendees/{fair.MarkerId}/erase", new EraseRequest("Anfrage"))).StatusCode);
        var erase = await organizer.PostAsJsonAsync($"/api/attendees/{fair.MarkerId}/erase", new EraseRequest($"Art. 17, E-Mail von {fair.First} {fair.Last} ({fair.Email}) vom 20.11."));
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);

        Assert.Empty(DatabaseFile.Find(file, fair.MarkerPersonOnly));
        // Everyone else is as they were, in the file and through the API.
        Assert.Equal([fair.OtherFirst, fair.OtherEmail, fair.WalkInFirst, fair.WalkInEmail],
            DatabaseFile.Find(file, [fair.OtherFirst, fair.OtherEmail, fair.WalkInFirst, fair.WalkInEmail]));
        var other = await fair.Fair.AttendeeAsync("K-1");
        Assert.Equal((fair.OtherFirst, fair.OtherEmail, null), (other.FirstName, other.Email, other.AnonymisedAt));

        var erased = await app.WithDbAsync(db => db.Attendees.AsNoTracking().Include(a => a.Badge).SingleAsync(a => a.Id == fair.MarkerId));
        Assert.Equal(("—", "—", null, null, Attendees.AttendeeStatus.Cancelled), (erased.FirstName, erased.LastName, erased.Email, erased.ExternalId, erased.Status));
        Assert.NotEqual(fair.MarkerBadge, erased.Badge!.Id);
        Assert.True(erased.RosterSeq > seq, "the erasure takes a roster sequence number so every kiosk replaces its row");
        Assert.Equal(checkIns, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.EventId == fair.EventId)));
        var audit = await app.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(e => e.AttendeeId == fair.MarkerId && e.Action == "privacy.erased"));
        Assert.Contains("reason: Art. 17, E-Mail von — — (—) vom 20.11.", audit.Details);

        var scan = await fair.Kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(fair.MarkerToken, null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        Assert.Equal(CheckInOutcome.Unknown, (await scan.Content.ReadFromJsonAsync<CheckInResponse>(Json.Options))!.Outcome);
        var again = await organizer.PostAsJsonAsync($"/api/attendees/{fair.MarkerId}/erase", new EraseRequest("zweite Anfrage"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("/problems/already-erased", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await organizer.PostAsJsonAsync("/api/attendees/999999/erase", new EraseRequest("Anfrage"))).StatusCode);
    }

    private sealed record Row(int Id, string FirstName, string? Email, Guid Badge, long RosterSeq, DateTimeOffset UpdatedAt);

    private async Task<string> SnapshotAsync(int eventId) => await app.WithDbAsync(async db =>
    {
        var rows = await db.Attendees.AsNoTracking().Where(a => a.EventId == eventId).OrderBy(a => a.Id)
            .Select(a => new Row(a.Id, a.FirstName, a.Email, a.Badge!.Id, a.RosterSeq, a.UpdatedAt)).ToListAsync();
        var audit = await db.AuditLog.CountAsync(e => e.EventId == eventId);
        var purgedAt = await db.Events.Where(e => e.Id == eventId).Select(e => e.PurgedAt).SingleAsync();
        return $"{string.Join("; ", rows)} | audit {audit} | purged {purgedAt:O}";
    });
}

public sealed class PrivacyRulesTests
{
    [Fact]
    public void An_event_is_due_once_its_retention_period_after_the_end_has_passed()
    {
        var end = new DateTimeOffset(2026, 10, 1, 17, 0, 0, TimeSpan.Zero);
        Assert.False(RetentionRules.IsDue(end, null, 30, end.AddDays(30).AddSeconds(-1)));
        Assert.True(RetentionRules.IsDue(end, null, 30, end.AddDays(30)));
        Assert.False(RetentionRules.IsDue(end, end.AddDays(31), 30, end.AddDays(60)));
    }

    [Fact]
    public void The_erasure_reason_loses_the_persons_own_data_whatever_the_letter_case()
    {
        var scrubbed = ErasureRules.Scrub("Anfrage von ANNA-LENA Müller (anna.mueller@essen.example), Kundennr. A-1", "Anna-Lena", "Müller", null, "Stadt Essen", "anna.mueller@essen.example", "A-1");
        Assert.Equal("Anfrage von — — (—), Kundennr. —", scrubbed);
        Assert.NotNull(ErasureRules.Problem(""));
        Assert.Null(ErasureRules.Problem("Art. 17 Anfrage vom 20.11."));
    }
}
