using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Desk;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

/// <summary>"Fehler auf dem Badge?" at a kiosk: the request its outbox sends, and the desk's list of them.</summary>
public class CorrectionRequestTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task A_request_sent_twice_is_listed_once_with_the_marked_fields_and_the_kiosk_and_leaves_the_list_when_resolved()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd");
        var anna = await fair.AttendeeAsync("A-1");
        var notice = new CorrectionRequestNotice(Guid.NewGuid(), anna.Id, BadgeFields.Name | BadgeFields.Title, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsJsonAsync("/api/terminal/corrections", notice, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsJsonAsync("/api/terminal/corrections", notice, Json.Options)).StatusCode);

        var desk = await app.UserAsync(fair.Organizer);
        var open = await desk.GetFromJsonAsync<List<CorrectionRequestView>>($"/api/events/{fair.Event.Id}/desk/corrections", Json.Options);
        var request = Assert.Single(open!);
        Assert.Equal((anna.Id, "Dr. Anna Müller", enrolment.TerminalId, "Eingang Süd"), (request.AttendeeId, request.AttendeeName, request.TerminalId, request.Kiosk));
        Assert.Equal(["name", "title"], request.Fields);

        Assert.Equal(HttpStatusCode.NoContent, (await desk.PostAsync($"/api/corrections/{request.Id}/resolve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await desk.PostAsync($"/api/corrections/{request.Id}/resolve", null)).StatusCode);
        Assert.Empty((await desk.GetFromJsonAsync<List<CorrectionRequestView>>($"/api/events/{fair.Event.Id}/desk/corrections", Json.Options))!);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.PostAsync("/api/corrections/999999/resolve", null)).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.AttendeeId == anna.Id && a.Action.StartsWith("badge.correction-")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["badge.correction-requested", "badge.correction-resolved"], audit.Order());
    }

    [Fact]
    public async Task A_reprint_ordered_for_the_attendee_resolves_the_request()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var jürgen = await fair.AttendeeAsync("A-2");
        await kiosk.PostAsJsonAsync("/api/terminal/corrections", new CorrectionRequestNotice(Guid.NewGuid(), jürgen.Id, BadgeFields.Organization, DateTimeOffset.UtcNow), Json.Options);
        Assert.Single((await fair.Organizer.GetFromJsonAsync<List<CorrectionRequestView>>($"/api/events/{fair.Event.Id}/desk/corrections", Json.Options))!);

        (await fair.Organizer.PostAsJsonAsync($"/api/attendees/{jürgen.Id}/reprints", new ReprintRequest(enrolment.TerminalId, "Korrekturwunsch"), Json.Options)).EnsureSuccessStatusCode();

        Assert.Empty((await fair.Organizer.GetFromJsonAsync<List<CorrectionRequestView>>($"/api/events/{fair.Event.Id}/desk/corrections", Json.Options))!);
    }

    [Fact]
    public async Task Bad_requests_are_validation_problems_and_another_events_attendee_is_not_found()
    {
        var fair = await Fair.OpenAsync(app);
        var elsewhere = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var anna = await fair.AttendeeAsync("A-1");

        var noId = await kiosk.PostAsJsonAsync("/api/terminal/corrections", new CorrectionRequestNotice(Guid.Empty, anna.Id, BadgeFields.Name, DateTimeOffset.UtcNow), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.Contains("clientId", await noId.Content.ReadAsStringAsync());
        var badFields = await kiosk.PostAsJsonAsync("/api/terminal/corrections", new CorrectionRequestNotice(Guid.NewGuid(), anna.Id, (BadgeFields)64, DateTimeOffset.UtcNow), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, badFields.StatusCode);
        Assert.Contains("fields", await badFields.Content.ReadAsStringAsync());
        var foreign = await elsewhere.AttendeeAsync("A-1");
        Assert.Equal(HttpStatusCode.NotFound, (await kiosk.PostAsJsonAsync("/api/terminal/corrections",
            new CorrectionRequestNotice(Guid.NewGuid(), foreign.Id, BadgeFields.Name, DateTimeOffset.UtcNow), Json.Options)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CorrectionRequests.CountAsync(r => r.EventId == fair.Event.Id)));
    }

    [Fact]
    public async Task Only_kiosks_post_requests_and_only_desk_staff_read_and_resolve_them()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var anna = await fair.AttendeeAsync("A-1");
        var notice = new CorrectionRequestNotice(Guid.NewGuid(), anna.Id, BadgeFields.Name, DateTimeOffset.UtcNow);
        var desk = await app.UserAsync(fair.Organizer);
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PostAsJsonAsync("/api/terminal/corrections", notice, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/terminal/corrections", notice, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsJsonAsync("/api/terminal/corrections", notice, Json.Options)).StatusCode);
        var id = await app.WithDbAsync(db => db.CorrectionRequests.Where(r => r.ClientId == notice.ClientId).Select(r => r.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync($"/api/events/{fair.Event.Id}/desk/corrections")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.PostAsync($"/api/corrections/{id}/resolve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/events/{fair.Event.Id}/desk/corrections")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/corrections/{id}/resolve", null)).StatusCode);
        Assert.Single((await desk.GetFromJsonAsync<List<CorrectionRequestView>>($"/api/events/{fair.Event.Id}/desk/corrections", Json.Options))!);
    }
}
