using System.Net;
using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

public class WalkInTests(KioskApp app) : IClassFixture<KioskApp>
{
    private static WalkInRegistration Registration(Guid badgeId, string first = "Käthe", string last = "Nußbaum") =>
        new(Guid.NewGuid(), badgeId, null, first, last, "Gemeinde Hünxe", "kaethe@huenxe.example", true, DateTimeOffset.UtcNow.AddMinutes(-5));

    [Fact]
    public async Task A_walk_in_uploaded_twice_is_one_checked_in_attendee_on_the_granted_badge()
    {
        var fair = await Fair.OpenAsync(app, walkIns: true);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var grants = await (await terminal.PostAsync("/api/terminal/walkin-badges?count=3", null)).Content.ReadFromJsonAsync<WalkInBadgeGrant[]>(Json.Options);
        Assert.Equal(3, grants!.Length);
        Assert.True(Kiosk.Shared.Badges.BadgeToken.TryParse(grants[0].Token, out var token));
        Assert.Equal(grants[0].BadgeId, token.Claims.BadgeId);

        var walkIn = Registration(grants[0].BadgeId);
        var first = await (await terminal.PostAsJsonAsync("/api/terminal/walkins", walkIn, Json.Options)).Content.ReadFromJsonAsync<WalkInAnswer>(Json.Options);
        var again = await (await terminal.PostAsJsonAsync("/api/terminal/walkins", walkIn, Json.Options)).Content.ReadFromJsonAsync<WalkInAnswer>(Json.Options);

        Assert.True(first!.Created);
        Assert.Equal((first.AttendeeId, false), (again!.AttendeeId, again.Created));
        var attendee = await app.WithDbAsync(db => db.Attendees.Include(a => a.Badge).SingleAsync(a => a.Id == first.AttendeeId));
        Assert.Equal(("Käthe", "Nußbaum", grants[0].BadgeId), (attendee.FirstName, attendee.LastName, attendee.Badge!.Id));
        Assert.NotNull(attendee.CheckedInAt);
        var checkIn = await app.WithDbAsync(db => db.CheckIns.SingleAsync(c => c.AttendeeId == attendee.Id));
        Assert.Equal((walkIn.ClientScanId, CheckInOutcome.FirstCheckIn), (checkIn.ClientScanId, checkIn.Outcome));

        // Scanning the printed badge later at the entrance knows the walk-in.
        var scan = await terminal.PostAsJsonAsync("/api/checkins", new CheckInRequest(grants[0].Token, null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, (await scan.Content.ReadFromJsonAsync<CheckInResponse>(Json.Options))!.Outcome);
    }

    [Fact]
    public async Task Badges_not_granted_to_this_terminal_and_bad_forms_are_refused()
    {
        var fair = await Fair.OpenAsync(app, walkIns: true);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Kiosk A");
        var (other, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Kiosk B");
        var grant = (await (await terminal.PostAsync("/api/terminal/walkin-badges?count=1", null)).Content.ReadFromJsonAsync<WalkInBadgeGrant[]>(Json.Options))![0];

        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsJsonAsync("/api/terminal/walkins", Registration(grant.BadgeId), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await terminal.PostAsJsonAsync("/api/terminal/walkins", Registration(Guid.NewGuid()), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await terminal.PostAsJsonAsync("/api/terminal/walkins", Registration(grant.BadgeId, last: " "), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await terminal.PostAsJsonAsync("/api/terminal/walkins", Registration(grant.BadgeId, first: new string('ä', 101)), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await terminal.PostAsJsonAsync("/api/terminal/walkins", Registration(grant.BadgeId) with { Consent = false }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await terminal.PostAsJsonAsync("/api/terminal/walkins", Registration(grant.BadgeId, last: "Robert\u001b@'); DROP TABLE Attendees;--"), Json.Options)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == fair.Event.Id && a.ExternalId == null)));
    }

    [Fact]
    public async Task A_walk_in_with_a_single_name_is_stored_as_the_other_places_store_names()
    {
        var fair = await Fair.OpenAsync(app, walkIns: true);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var grant = (await (await terminal.PostAsync("/api/terminal/walkin-badges?count=1", null)).Content.ReadFromJsonAsync<WalkInBadgeGrant[]>(Json.Options))![0];

        var response = await terminal.PostAsJsonAsync("/api/terminal/walkins", Registration(grant.BadgeId, first: " ", last: " Ngũgĩ \u00A0wa  Thiong'o "), Json.Options);

        var answer = (await response.Content.ReadFromJsonAsync<WalkInAnswer>(Json.Options))!;
        var attendee = await app.WithDbAsync(db => db.Attendees.SingleAsync(a => a.Id == answer.AttendeeId));
        Assert.Equal(("", "Ngũgĩ wa Thiong'o"), (attendee.FirstName, attendee.LastName));
    }

    [Fact]
    public async Task Events_without_walk_ins_grant_no_badges()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await terminal.PostAsync("/api/terminal/walkin-badges", null)).StatusCode);
    }
}
