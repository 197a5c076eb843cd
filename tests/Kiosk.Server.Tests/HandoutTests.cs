using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Events;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kiosk.Server.Tests;

/// <summary>Handout notes (issue 13, point 4): per category in the terminal profile, per session in the booked attendees' roster rows.</summary>
public class HandoutTests(KioskApp app) : IClassFixture<KioskApp>
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(9);

    [Fact]
    public async Task A_category_note_travels_in_the_profile_and_an_empty_note_removes_it()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        Assert.Empty((await ProfileAsync(terminal)).Handouts!);

        var set = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/handouts/speaker", new HandoutNoteRequest("  Bitte Lanyard ‚Referent' am Counter 2 abholen "), Json.Options);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new CategoryHandoutView(AttendeeCategory.Speaker, "Bitte Lanyard ‚Referent' am Counter 2 abholen"), await set.Content.ReadFromJsonAsync<CategoryHandoutView>(Json.Options));
        await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/handouts/Press", new HandoutNoteRequest("Pressemappe am Infostand"), Json.Options);

        var profile = await ProfileAsync(terminal);
        Assert.Equal([new CategoryHandout(AttendeeCategory.Speaker, "Bitte Lanyard ‚Referent' am Counter 2 abholen"), new CategoryHandout(AttendeeCategory.Press, "Pressemappe am Infostand")],
            profile.Handouts!);
        var listed = (await fair.Organizer.GetFromJsonAsync<HandoutsView>($"/api/events/{fair.Event.Id}/handouts", Json.Options))!;
        Assert.Equal(Enum.GetValues<AttendeeCategory>(), listed.Categories.Select(c => c.Category));
        Assert.Equal("Pressemappe am Infostand", listed.Categories.Single(c => c.Category == AttendeeCategory.Press).Note);
        Assert.Null(listed.Categories.Single(c => c.Category == AttendeeCategory.Visitor).Note);

        Assert.Equal(HttpStatusCode.OK, (await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/handouts/Speaker", new HandoutNoteRequest(" "), Json.Options)).StatusCode);
        Assert.Equal([new CategoryHandout(AttendeeCategory.Press, "Pressemappe am Infostand")], (await ProfileAsync(terminal)).Handouts!);
    }

    [Fact]
    public async Task A_changed_category_note_is_pushed_to_the_events_kiosks_as_a_profile_change()
    {
        var fair = await Fair.OpenAsync(app);
        var (_, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, TerminalHubNames.Route), o => o.AccessTokenProvider = () => Task.FromResult<string?>(enrolment.TerminalKey))
            .Build();
        hub.On(TerminalHubNames.ProfileChanged, () => heard.TrySetResult());
        await hub.StartAsync(TestContext.Current.CancellationToken);
        // The server joins the connection to its groups after the handshake; a call's answer proves it has.
        await hub.InvokeAsync<HeartbeatAnswer>(TerminalHubNames.Heartbeat, new TerminalHeartbeat("1.2.3", 0, "Ready", "lobby"), TestContext.Current.CancellationToken);

        await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/handouts/Visitor", new HandoutNoteRequest("Programmheft am Eingang"), Json.Options);
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Handout_notes_are_for_organizers_and_bad_notes_and_categories_are_problems()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var staff = await app.UserAsync(fair.Organizer);
        var session = await SessionAsync(fair, "KI in der Verwaltung", Start);
        var url = $"/api/events/{fair.Event.Id}/handouts";

        foreach (var caller in new[] { staff, terminal })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PutAsJsonAsync($"{url}/Speaker", new HandoutNoteRequest("x"), Json.Options)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PutAsJsonAsync($"/api/sessions/{session.Id}/handout", new HandoutNoteRequest("x"), Json.Options)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync(url)).StatusCode);

        await AssertProblemAsync(await fair.Organizer.PutAsJsonAsync($"{url}/Speaker", new HandoutNoteRequest(new string('x', 201)), Json.Options), "validation");
        await AssertProblemAsync(await fair.Organizer.PutAsJsonAsync($"{url}/Speaker", new HandoutNoteRequest("Zeile 1\nZeile 2"), Json.Options), "validation");
        await AssertProblemAsync(await fair.Organizer.PutAsJsonAsync($"/api/sessions/{session.Id}/handout", new HandoutNoteRequest(new string('x', 201)), Json.Options), "validation");
        await AssertProblemAsync(await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{session.RoomId}/sessions",
            new SessionRequest("Zu lang", Start, Start.AddHours(1), HandoutNote: new string('x', 201)), Json.Options), "validation");
        foreach (var category in new[] { "Gast", "7", "2" })
            await AssertProblemAsync(await fair.Organizer.PutAsJsonAsync($"{url}/{category}", new HandoutNoteRequest("x"), Json.Options), "handout-category");
        Assert.Equal(HttpStatusCode.NotFound, (await fair.Organizer.PutAsJsonAsync("/api/events/999999/handouts/Speaker", new HandoutNoteRequest("x"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fair.Organizer.PutAsJsonAsync("/api/sessions/999999/handout", new HandoutNoteRequest("x"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fair.Organizer.PutAsync($"{url}/Speaker", new StringContent("{\"note\": 5}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task A_booking_puts_the_session_into_the_attendees_roster_row_with_a_new_sequence()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var later = await SessionAsync(fair, "Souveräne Cloud", Start.AddHours(3), "Unterlagen am Counter 3");
        var first = await SessionAsync(fair, "KI in der Verwaltung", Start);
        var anna = await fair.AttendeeAsync("A-1");
        var copy = (await terminal.GetFromJsonAsync<RosterPage>("/api/terminal/roster", Json.Options))!;
        Assert.All(copy.Attendees, a => Assert.Null(a.Sessions));

        await BookAsync(fair, later.Id, anna.Id);
        await BookAsync(fair, first.Id, anna.Id);
        var delta = (await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={copy.NextSince}&after={copy.NextAfter}", Json.Options))!;
        var row = Assert.Single(delta.Attendees);
        Assert.Equal(anna.Id, row.Id);
        Assert.Equal([("KI in der Verwaltung", "Saal Ruhr", (string?)null), ("Souveräne Cloud", "Saal Ruhr", "Unterlagen am Counter 3")],
            row.Sessions!.Select(s => (s.Title, s.Room, s.HandoutNote)));
        Assert.Equal(Start, row.Sessions![0].StartsAt);

        // Booking again changes nothing, so no kiosk copies the row again.
        await BookAsync(fair, first.Id, anna.Id);
        Assert.Empty((await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={delta.NextSince}&after={delta.NextAfter}", Json.Options))!.Attendees);
    }

    [Fact]
    public async Task A_changed_session_note_reaches_exactly_its_booked_attendees_by_the_delta_sync()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var session = await SessionAsync(fair, "KI in der Verwaltung", Start);
        var other = await SessionAsync(fair, "OZG 2.0", Start.AddHours(2));
        var (anna, juergen, soeren) = (await fair.AttendeeAsync("A-1"), await fair.AttendeeAsync("A-2"), await fair.AttendeeAsync("A-3"));
        await BookAsync(fair, session.Id, anna.Id, juergen.Id);
        await BookAsync(fair, other.Id, soeren.Id);
        var copy = (await terminal.GetFromJsonAsync<RosterPage>("/api/terminal/roster", Json.Options))!;

        var changed = await fair.Organizer.PutAsJsonAsync($"/api/sessions/{session.Id}/handout", new HandoutNoteRequest("Laptop mitbringen; Unterlagen am Counter 2"), Json.Options);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var view = (await changed.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;
        Assert.Equal(("Laptop mitbringen; Unterlagen am Counter 2", 2), (view.HandoutNote, view.Booked));

        var delta = (await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={copy.NextSince}&after={copy.NextAfter}", Json.Options))!;
        Assert.Equal([anna.Id, juergen.Id], delta.Attendees.Select(a => a.Id).Order());
        Assert.All(delta.Attendees, a => Assert.Equal("Laptop mitbringen; Unterlagen am Counter 2", Assert.Single(a.Sessions!).HandoutNote));

        // The same note again is no change; removing it is one.
        await fair.Organizer.PutAsJsonAsync($"/api/sessions/{session.Id}/handout", new HandoutNoteRequest("Laptop mitbringen; Unterlagen am Counter 2"), Json.Options);
        Assert.Empty((await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={delta.NextSince}&after={delta.NextAfter}", Json.Options))!.Attendees);
        await fair.Organizer.PutAsJsonAsync($"/api/sessions/{session.Id}/handout", new HandoutNoteRequest(""), Json.Options);
        var removed = (await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={delta.NextSince}&after={delta.NextAfter}", Json.Options))!;
        Assert.Equal(2, removed.Attendees.Count);
        Assert.All(removed.Attendees, a => Assert.Null(Assert.Single(a.Sessions!).HandoutNote));
        var listed = (await fair.Organizer.GetFromJsonAsync<HandoutsView>($"/api/events/{fair.Event.Id}/handouts", Json.Options))!;
        Assert.Equal([(session.Id, "KI in der Verwaltung", (string?)null), (other.Id, "OZG 2.0", null)], listed.Sessions.Select(s => (s.SessionId, s.Title, s.Note)));
    }

    [Fact]
    public async Task A_session_created_with_a_note_keeps_it()
    {
        var fair = await Fair.OpenAsync(app);
        var session = await SessionAsync(fair, "KI in der Verwaltung", Start, "  Skript am Counter 2 ");
        Assert.Equal("Skript am Counter 2", session.HandoutNote);
        var listed = await fair.Organizer.GetFromJsonAsync<List<SessionResponse>>($"/api/events/{fair.Event.Id}/rooms/{session.RoomId}/sessions", Json.Options);
        Assert.Equal("Skript am Counter 2", Assert.Single(listed!).HandoutNote);
    }

    private static async Task<TerminalProfile> ProfileAsync(HttpClient terminal) =>
        (await terminal.GetFromJsonAsync<TerminalProfile>("/api/terminal/profile", Json.Options))!;

    private static async Task<SessionResponse> SessionAsync(Fair fair, string title, DateTimeOffset starts, string? note = null)
    {
        var rooms = await fair.Organizer.GetFromJsonAsync<List<RoomOccupancy>>($"/api/events/{fair.Event.Id}/rooms", Json.Options);
        var roomId = rooms!.FirstOrDefault(r => r.Name == "Saal Ruhr")?.RoomId ?? (await fair.RoomAsync("Saal Ruhr", 40)).RoomId;
        var response = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{roomId}/sessions",
            new SessionRequest(title, starts, starts.AddMinutes(90), HandoutNote: note), Json.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;
    }

    private static async Task BookAsync(Fair fair, int sessionId, params int[] attendeeIds) =>
        (await fair.Organizer.PostAsJsonAsync($"/api/sessions/{sessionId}/bookings", new BookingRequest(attendeeIds), Json.Options)).EnsureSuccessStatusCode();

    private static async Task AssertProblemAsync(HttpResponseMessage response, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Contains($"\"/problems/{slug}\"", body);
    }
}
