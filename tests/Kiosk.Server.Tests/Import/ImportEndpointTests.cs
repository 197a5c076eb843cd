using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Attendees;
using Kiosk.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests.Import;

/// <summary>POST /api/events/{eventId}/attendees/import against a real server and SQLite file.</summary>
public class ImportEndpointTests(KioskApp app) : IClassFixture<KioskApp>
{
    private Task<int> AttendeeCountAsync(int eventId) => app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == eventId));

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        var fair = await Fair.OpenAsync(app);
        var before = await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id).OrderBy(a => a.Id).Select(a => new { a.Id, a.UpdatedAt, BadgeId = a.Badge!.Id }).ToListAsync());

        var again = await fair.ImportAsync(Fair.Roster);

        Assert.Equal((0, 0, 4), (again.Created, again.Updated, again.Unchanged));
        var after = await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id).OrderBy(a => a.Id).Select(a => new { a.Id, a.UpdatedAt, BadgeId = a.Badge!.Id }).ToListAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_eventbrite_export_with_two_people_on_one_order_imports_two_attendees_and_not_attending_as_cancelled()
    {
        var fair = await Fair.OpenAsync(app);

        var result = await fair.ImportAsync("""
            Order #,Order Date,Attendee #,First Name,Last Name,Email,Ticket Type,Company,Attendee Status
            4711,2026-05-02,90001,Anna,Schäfer,anna.schaefer@herne.example,General Admission,Stadt Herne,Attending
            4711,2026-05-02,90002,Bernd,Groß,bernd.gross@herne.example,General Admission,Stadt Herne,Not Attending
            """);

        Assert.Empty(result.Rejected);
        Assert.Equal(2, result.Created);
        Assert.Equal((AttendeeStatus.Registered, AttendeeStatus.Cancelled), ((await fair.AttendeeAsync("90001")).Status, (await fair.AttendeeAsync("90002")).Status));
    }

    [Fact]
    public async Task Changed_rows_update_by_external_id_and_rows_without_id_match_by_email()
    {
        var fair = await Fair.OpenAsync(app);

        var result = await fair.ImportAsync("""
            ID;Vorname;Nachname;Organisation;E-Mail
            A-1;Anna;Müller;Stadt Essen, Amt 12;anna.mueller@essen.example
            ;Jürgen;Groß;Kreis Recklinghausen;J.GROSS@kreis-re.example
            ;Neu;Person;;neu@example.org
            """);

        Assert.Equal((1, 2, 0), (result.Created, result.Updated, result.Unchanged));
        Assert.Equal("Stadt Essen, Amt 12", (await fair.AttendeeAsync("A-1")).Organization);
        Assert.Equal(5, await AttendeeCountAsync(fair.Event.Id));
    }

    [Fact]
    public async Task Bad_rows_are_listed_and_not_written_while_good_rows_are()
    {
        var fair = await Fair.OpenAsync(app);

        var result = await fair.ImportAsync("""
            Vorname;Nachname;E-Mail
            Gute;Zeile;gut@example.org
            Schlechte;Zeile;kaputt
            ;;
            Doppelte;Zeile;gut@example.org
            """);

        Assert.Equal(1, result.Created);
        Assert.Equal([3, 4, 5], result.Rejected.Select(r => r.Line));
        Assert.Contains("line 2", result.Rejected[^1].Reason);
        Assert.Equal(5, await AttendeeCountAsync(fair.Event.Id));
    }

    [Fact]
    public async Task Dry_run_reports_the_same_numbers_and_writes_nothing()
    {
        var fair = await Fair.OpenAsync(app);
        const string csv = "Vorname;Nachname;E-Mail\nEva;Kühn;eva@example.org\nBad;Row;x\n";

        var dry = await fair.ImportAsync(csv, dryRun: true);
        Assert.Equal(4, await AttendeeCountAsync(fair.Event.Id));
        var real = await fair.ImportAsync(csv);

        Assert.True(dry.DryRun);
        Assert.Equal((dry.Created, dry.Updated, dry.Rejected.Count), (real.Created, real.Updated, real.Rejected.Count));
        Assert.Equal(5, await AttendeeCountAsync(fair.Event.Id));
    }

    [Fact]
    public async Task Every_new_attendee_gets_a_badge_with_an_unguessable_id()
    {
        var fair = await Fair.OpenAsync(app);
        var badges = await app.WithDbAsync(db => db.Badges.Where(b => b.EventId == fair.Event.Id).Select(b => b.Id).ToListAsync());
        Assert.Equal(4, badges.Distinct().Count());
        // Random 128-bit ids, not version-4 GUIDs: the version nibble is not fixed.
        Assert.DoesNotContain(badges, b => b == Guid.Empty);
    }

    [Fact]
    public async Task Unreadable_file_gets_a_problem_and_changes_nothing()
    {
        var fair = await Fair.OpenAsync(app);
        var response = await fair.PostImportAsync(Encoding.UTF8.GetBytes("Telefon;Stadt\n0201;Essen\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/problems/import-unreadable", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Type);
        Assert.Equal(4, await AttendeeCountAsync(fair.Event.Id));
    }

    [Fact]
    public async Task Staff_cannot_import_only_organizers_can()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        using var content = new MultipartFormDataContent { { new ByteArrayContent("Name\nX\n"u8.ToArray()), "file", "a.csv" } };

        var response = await kiosk.PostAsync($"/api/events/{fair.Event.Id}/attendees/import", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Cancelled_status_in_a_later_export_cancels_the_registration()
    {
        var fair = await Fair.OpenAsync(app);
        await fair.ImportAsync("ID;Vorname;Nachname;Status\nA-2;Jürgen;Groß;storniert\n");
        Assert.Equal(AttendeeStatus.Cancelled, (await fair.AttendeeAsync("A-2")).Status);
    }
}
