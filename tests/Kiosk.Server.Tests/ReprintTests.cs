using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Desk;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

public class ReprintTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task An_order_waits_for_its_kiosk_until_confirmed_once()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var (other, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Ost");
        var anna = await fair.AttendeeAsync("A-1");

        var order = (await (await fair.Organizer.PostAsJsonAsync($"/api/attendees/{anna.Id}/reprints", new ReprintRequest(enrolment.TerminalId, "Name korrigiert"), Json.Options))
            .Content.ReadFromJsonAsync<ReprintView>(Json.Options))!;
        Assert.Single((await kiosk.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options))!);
        Assert.Empty((await other.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options))!);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/terminal/reprints/{order.Id}/printed", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsync($"/api/terminal/reprints/{order.Id}/printed", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsync($"/api/terminal/reprints/{order.Id}/printed", null)).StatusCode);
        Assert.Empty((await kiosk.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options))!);
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.AuditLog.Count(a => a.Action == "badge.reprinted" && a.AttendeeId == anna.Id))));
    }

    [Fact]
    public async Task Orders_need_a_reason_and_a_kiosk_of_the_event_and_staff_rights()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var elsewhere = await Fair.OpenAsync(app);
        var (_, foreign) = await app.EnrolTerminalAsync(elsewhere.Organizer, elsewhere.Event.Id);
        var id = (await fair.AttendeeAsync("A-2")).Id;

        Assert.Equal(HttpStatusCode.BadRequest, (await fair.Organizer.PostAsJsonAsync($"/api/attendees/{id}/reprints", new ReprintRequest(enrolment.TerminalId, " "), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fair.Organizer.PostAsJsonAsync($"/api/attendees/{id}/reprints", new ReprintRequest(foreign.TerminalId, "Stau"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fair.Organizer.PostAsJsonAsync($"/api/attendees/999999/reprints", new ReprintRequest(enrolment.TerminalId, "Stau"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.PostAsJsonAsync($"/api/attendees/{id}/reprints", new ReprintRequest(enrolment.TerminalId, "selbst"), Json.Options)).StatusCode);
    }

    [Fact]
    public async Task A_self_service_reprint_reported_twice_is_recorded_once_and_flagged_when_the_event_does_not_allow_it()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var anna = await fair.AttendeeAsync("A-1");
        var notice = new SelfReprintNotice(Guid.NewGuid(), anna.Id, DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsJsonAsync("/api/terminal/reprints/self-service", notice, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsJsonAsync("/api/terminal/reprints/self-service", notice, Json.Options)).StatusCode);

        var recorded = await fair.Organizer.GetFromJsonAsync<List<ReprintView>>($"/api/attendees/{anna.Id}/reprints", Json.Options);
        Assert.Equal(notice.ReprintId, recorded!.Single().Id);
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.AttendeeId == anna.Id && a.Action == "badge.self-reprinted").Select(a => a.Details).ToListAsync());
        Assert.Contains("does not allow", Assert.Single(audit));
        Assert.Equal(HttpStatusCode.Forbidden, (await fair.Organizer.PostAsJsonAsync("/api/terminal/reprints/self-service", notice, Json.Options)).StatusCode);
    }

    [Fact]
    public async Task Organizers_switch_self_service_reprint_on_per_event_and_kiosks_see_it_in_their_profile()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        Assert.False((await kiosk.GetFromJsonAsync<TerminalProfile>("/api/terminal/profile", Json.Options))!.SelfServiceReprint);

        var changed = await fair.Organizer.PatchAsJsonAsync($"/api/events/{fair.Event.Id}/settings", new { selfServiceReprint = true });
        Assert.True((await changed.Content.ReadFromJsonAsync<Kiosk.Server.Events.EventResponse>(Json.Options))!.SelfServiceReprint);
        Assert.True((await kiosk.GetFromJsonAsync<TerminalProfile>("/api/terminal/profile", Json.Options))!.SelfServiceReprint);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.UserAsync(fair.Organizer)).PatchAsJsonAsync($"/api/events/{fair.Event.Id}/settings", new { selfServiceReprint = false })).StatusCode);
    }
}
