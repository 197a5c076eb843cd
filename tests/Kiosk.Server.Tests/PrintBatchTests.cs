using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Desk;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;

namespace Kiosk.Server.Tests;

public class PrintBatchTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task A_batch_of_a_category_reaches_only_its_kiosk_in_order_and_counts_what_was_confirmed_once()
    {
        var fair = await Fair.OpenAsync(app, Fair.Roster + "\nA-5;;Bernd;Adler;Messe Essen;Referent;b.adler@messe.example");
        var (station, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Druckstation");
        var (lobby, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Ost");

        var batch = await CreateAsync(fair, new PrintBatchRequest(enrolment.TerminalId, Category: AttendeeCategory.Speaker));
        var adler = await fair.AttendeeAsync("A-5");
        var gross = await fair.AttendeeAsync("A-2");
        Assert.Equal("category Speaker", batch.Selection);
        Assert.Equal([adler.Id, gross.Id], batch.Items.Select(i => i.AttendeeId));
        Assert.Equal((2, 0), (batch.Total, batch.Printed));

        var orders = (await station.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options))!;
        Assert.Equal([adler.Id, gross.Id], orders.Select(o => o.AttendeeId));
        Assert.Empty((await lobby.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options))!);

        Assert.Equal(HttpStatusCode.NoContent, (await station.PostAsync($"/api/terminal/reprints/{orders[0].OrderId}/printed", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await station.PostAsync($"/api/terminal/reprints/{orders[0].OrderId}/printed", null)).StatusCode);
        var progress = (await fair.Organizer.GetFromJsonAsync<PrintBatchView>($"/api/events/{fair.Event.Id}/print-batches/{batch.Id}", Json.Options))!;
        Assert.Equal((2, 1), (progress.Total, progress.Printed));
        Assert.NotNull(progress.Items[0].PrintedAt);
        Assert.Null(progress.Items[1].PrintedAt);
        Assert.Equal(gross.Id, Assert.Single((await station.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options))!).AttendeeId);

        var listed = Assert.Single((await fair.Organizer.GetFromJsonAsync<List<PrintBatchView>>($"/api/events/{fair.Event.Id}/print-batches", Json.Options))!);
        Assert.Equal((batch.Id, 2, 1), (listed.Id, listed.Total, listed.Printed));
    }

    [Fact]
    public async Task A_list_is_printed_once_per_attendee_and_by_last_name()
    {
        var fair = await Fair.OpenAsync(app);
        var (_, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var anna = await fair.AttendeeAsync("A-1");
        var zoe = await fair.AttendeeAsync("A-4");

        var batch = await CreateAsync(fair, new PrintBatchRequest(enrolment.TerminalId, AttendeeIds: [zoe.Id, anna.Id, zoe.Id]));
        Assert.Equal([anna.Id, zoe.Id], batch.Items.Select(i => i.AttendeeId));
        Assert.Equal([1, 2], batch.Items.Select(i => i.Position));
    }

    [Fact]
    public async Task A_batch_needs_one_selection_somebody_in_it_a_kiosk_of_the_event_and_staff_rights()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var elsewhere = await Fair.OpenAsync(app);
        var (_, foreign) = await app.EnrolTerminalAsync(elsewhere.Organizer, elsewhere.Event.Id);
        var url = $"/api/events/{fair.Event.Id}/print-batches";

        await AssertRefusedAsync(fair.Organizer, url, new PrintBatchRequest(enrolment.TerminalId), "print-batch-selection");
        await AssertRefusedAsync(fair.Organizer, url, new PrintBatchRequest(enrolment.TerminalId, AttendeeCategory.Press, AttendeeIds: [1]), "print-batch-selection");
        await AssertRefusedAsync(fair.Organizer, url, new PrintBatchRequest(enrolment.TerminalId, AttendeeCategory.Team), "print-batch-empty");
        await AssertRefusedAsync(fair.Organizer, url, new PrintBatchRequest(foreign.TerminalId, AttendeeCategory.Press), "reprint-terminal");
        Assert.Equal(HttpStatusCode.NotFound, (await fair.Organizer.PostAsJsonAsync(url, new PrintBatchRequest(enrolment.TerminalId, SessionId: 999999), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.PostAsJsonAsync(url, new PrintBatchRequest(enrolment.TerminalId, AttendeeCategory.Press), Json.Options)).StatusCode);
        Assert.Empty((await fair.Organizer.GetFromJsonAsync<List<PrintBatchView>>(url, Json.Options))!);
    }

    [Fact]
    public async Task A_printed_badge_of_a_session_batch_waits_at_the_counter_in_every_kiosks_roster_until_a_correction_changes_it()
    {
        var fair = await Fair.OpenAsync(app);
        var (station, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Druckstation");
        var (lobby, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Ost");
        var room = await fair.RoomAsync("Raum Ruhr", 40);
        var now = DateTimeOffset.UtcNow;
        var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new Kiosk.Server.Rooms.SessionRequest("KI in der Verwaltung", now.AddHours(2), now.AddHours(3)), Json.Options);
        var session = (await created.Content.ReadFromJsonAsync<Kiosk.Server.Rooms.SessionResponse>(Json.Options))!;
        var anna = await fair.AttendeeAsync("A-1");
        var zoe = await fair.AttendeeAsync("A-4");
        (await fair.Organizer.PostAsJsonAsync($"/api/sessions/{session.Id}/bookings", new Kiosk.Server.Rooms.BookingRequest([zoe.Id, anna.Id]), Json.Options)).EnsureSuccessStatusCode();

        var batch = await CreateAsync(fair, new PrintBatchRequest(enrolment.TerminalId, SessionId: session.Id));
        Assert.Equal(($"session {session.Id}", "KI in der Verwaltung"), (batch.Selection, batch.SessionTitle));
        Assert.Equal([anna.Id, zoe.Id], batch.Items.Select(i => i.AttendeeId));
        var before = await RosterAsync(lobby);
        Assert.DoesNotContain(before.Attendees, e => e.BadgeAtCounter);

        var orders = (await station.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", Json.Options))!;
        Assert.Equal(HttpStatusCode.NoContent, (await station.PostAsync($"/api/terminal/reprints/{orders[0].OrderId}/printed", null)).StatusCode);

        // The lobby kiosk learns it by its next delta: Anna's badge waits at the counter, Zoe's is still to print.
        var delta = await RosterAsync(lobby, before.NextSince, before.NextAfter);
        Assert.True(Assert.Single(delta.Attendees).BadgeAtCounter);
        Assert.Equal(anna.Id, delta.Attendees[0].Id);
        var snapshot = await fair.Organizer.GetFromJsonAsync<Kiosk.Server.Dashboard.DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options);
        var shown = Assert.Single(snapshot!.PrintBatches);
        Assert.Equal((batch.Id, 2, 1, "KI in der Verwaltung"), (shown.Id, shown.Total, shown.Printed, shown.SessionTitle));

        // The printed badge shows the old spelling once the desk corrects the name: the kiosk prints a new one.
        var corrected = await fair.Organizer.PatchAsJsonAsync($"/api/attendees/{anna.Id}",
            new CorrectionRequest(null, null, "Müller-Lüdenscheidt", null, "Tippfehler", null), Json.Options);
        Assert.True(corrected.IsSuccessStatusCode, await corrected.Content.ReadAsStringAsync());
        var after = await RosterAsync(lobby, delta.NextSince, delta.NextAfter);
        Assert.False(Assert.Single(after.Attendees).BadgeAtCounter);
    }

    private static async Task<RosterPage> RosterAsync(HttpClient terminal, long since = 0, int after = 0) =>
        (await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={since}&after={after}", Json.Options))!;

    private static async Task<PrintBatchView> CreateAsync(Fair fair, PrintBatchRequest request)
    {
        var response = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/print-batches", request, Json.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PrintBatchView>(Json.Options))!;
    }

    private static async Task AssertRefusedAsync(HttpClient client, string url, PrintBatchRequest request, string slug)
    {
        var response = await client.PostAsJsonAsync(url, request, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"/problems/{slug}", await response.Content.ReadAsStringAsync());
    }
}
