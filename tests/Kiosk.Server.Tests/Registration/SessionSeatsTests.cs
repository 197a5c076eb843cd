using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Registration;

public sealed class SqliteSessionSeatsTests(RegistrationKioskApp app) : SessionSeatsTests<RegistrationKioskApp>(app);

public sealed class PostgresSessionSeatsTests(PostgresRegistrationKioskApp app) : SessionSeatsTests<PostgresRegistrationKioskApp>(app);

/// <summary>Master class seats: exact under contention, a waitlist in arrival order, offers by mail that run out (real HTTP, real SMTP sink).</summary>
public abstract partial class SessionSeatsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : RegistrationKioskApp
{
    private async Task<(Fair Fair, SessionResponse Session)> OpenAsync(int capacity, string roster = Fair.Roster, int? sessionCapacity = null)
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app, roster);
        var room = await fair.RoomAsync("Masterclass Raum Ruhr", capacity);
        var starts = DateTimeOffset.UtcNow.AddDays(2);
        var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new SessionRequest("KI-Assistenz im Bürgeramt – Masterclass", starts, starts.AddMinutes(90), Capacity: sessionCapacity), Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (fair, (await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!);
    }

    private static async Task<SessionResponse> BookAsync(HttpClient organizer, int sessionId, bool overbook = false, params int[] attendeeIds)
    {
        var response = await organizer.PostAsJsonAsync($"/api/sessions/{sessionId}/bookings", new BookingRequest(attendeeIds, overbook), Json.Options);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;
    }

    private static async Task<SessionBookingsResponse> ListAsync(HttpClient organizer, int sessionId) =>
        (await organizer.GetFromJsonAsync<SessionBookingsResponse>($"/api/sessions/{sessionId}/bookings", Json.Options))!;

    [GeneratedRegex("https://anmeldung\\.dikomm\\.example/register/\\d+/seat\\?t=[A-Za-z0-9%_-]+")]
    private static partial Regex SeatLink();

    /// <summary>The link in the seat offer mail of this event (the tests' events share their attendees' addresses).</summary>
    private async Task<string> OfferLinkAsync(Fair fair, string address, string subject)
    {
        var mails = await Eventually.Async(() => Task.FromResult(app.Sink.To(address).Select(m => m.Message())
            .Where(m => m.Subject == subject && (m.TextBody ?? "").Contains($"/register/{fair.Event.Id}/seat?", StringComparison.Ordinal)).ToList()),
            m => m.Count > 0, $"the seat offer to {address}");
        var link = SeatLink().Match(mails.Single().TextBody ?? "").Value;
        Assert.NotEmpty(link);
        return new Uri(link).PathAndQuery;
    }

    private async Task<(HttpStatusCode Status, string Page)> AnswerAsync(string link, string answer)
    {
        using var browser = app.Anonymous();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(app.BaseAddress, link).Query);
        var response = await browser.PostAsync(link.Split('?')[0], new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["t"] = query["t"]!, ["language"] = "de", ["answer"] = answer,
        }));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_hundred_bookings_at_once_for_forty_seats_give_forty_seats_and_460_waitlist_places_in_arrival_order()
    {
        var roster = new StringBuilder("ID;Vorname;Nachname;Organisation;Kategorie;E-Mail\n");
        for (var i = 1; i <= 500; i++) roster.Append(FormattableString.Invariant($"R-{i};Jörg;Ansturm {i};Stadt Essen;Besucher;\n"));
        var (fair, session) = await OpenAsync(40, roster.ToString());
        var people = await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id && a.ExternalId!.StartsWith("R-")).Select(a => a.Id).ToListAsync());
        Assert.Equal(500, people.Count);

        // One request per person, all at once, each on its own connection: the opening minute of a master class.
        using var start = new SemaphoreSlim(0);
        var clients = people.Select(_ => app.Anonymous()).ToList();
        foreach (var client in clients) client.DefaultRequestHeaders.Authorization = fair.Organizer.DefaultRequestHeaders.Authorization;
        var requests = people.Select(async (id, i) =>
        {
            await start.WaitAsync();
            return (await BookAsync(clients[i], session.Id, false, id)).Attendees!.Single();
        }).ToList();
        start.Release(people.Count);
        var outcomes = await Task.WhenAll(requests);
        foreach (var client in clients) client.Dispose();

        Assert.Equal(40, outcomes.Count(o => o.Status == SeatStatus.Booked));
        var waiting = outcomes.Where(o => o.Status == SeatStatus.Waitlisted).ToList();
        Assert.Equal(Enumerable.Range(1, 460), waiting.Select(o => o.Position!.Value).Order());
        var list = await ListAsync(fair.Organizer, session.Id);
        Assert.Equal(40, list.Booked.Count);
        Assert.Equal(40, list.Session.Booked);
        Assert.Equal(460, list.Session.Waitlisted);
        // The waitlist is in the order the answers gave: each request's place is the place it keeps.
        Assert.Equal(waiting.OrderBy(o => o.Position).Select(o => o.AttendeeId), list.Waitlisted.Select(w => w.AttendeeId));
        Assert.Equal(40, await app.WithDbAsync(db => db.SessionBookings.CountAsync(b => b.SessionId == session.Id)));

        // Asking again changes nothing and says where each stands.
        var again = await BookAsync(fair.Organizer, session.Id, false, waiting[0].AttendeeId, list.Booked[0].AttendeeId);
        Assert.Equal([waiting[0], new BookingOutcome(list.Booked[0].AttendeeId, SeatStatus.Booked)], again.Attendees!);
        Assert.Equal((40, 460), (again.Booked, again.Waitlisted));
    }

    [Fact]
    public async Task A_cancelled_seat_is_offered_by_mail_to_the_first_waiting_who_takes_it_and_an_offer_not_taken_goes_to_the_next()
    {
        var (fair, session) = await OpenAsync(40, sessionCapacity: 2);
        var (anna, juergen, soeren, zoe) = ((await fair.AttendeeAsync("A-1")).Id, (await fair.AttendeeAsync("A-2")).Id, (await fair.AttendeeAsync("A-3")).Id, (await fair.AttendeeAsync("A-4")).Id);
        var booked = await BookAsync(fair.Organizer, session.Id, false, anna, juergen, soeren, zoe);
        Assert.Equal(
            [new(anna, SeatStatus.Booked), new(juergen, SeatStatus.Booked), new(soeren, SeatStatus.Waitlisted, 1), new BookingOutcome(zoe, SeatStatus.Waitlisted, 2)],
            booked.Attendees!);

        // Waiting is not booked: the door's pre-booking and the badge's programme read only seats.
        Assert.False(await app.WithDbAsync(db => db.SessionBookings.AnyAsync(b => b.SessionId == session.Id && b.AttendeeId == soeren)));
        // The session report counts both, apart.
        var report = await fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Reports.SessionSummary>>($"/api/events/{fair.Event.Id}/reports/sessions", Json.Options);
        Assert.Equal((2, 2), report!.Where(r => r.SessionId == session.Id).Select(r => (r.Booked, r.Waitlisted)).Single());

        var cancelled = await fair.Organizer.DeleteAsync($"/api/sessions/{session.Id}/bookings/{anna}");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var list = await ListAsync(fair.Organizer, session.Id);
        Assert.Equal(SeatStatus.Offered, list.Booked.Single(b => b.AttendeeId == soeren).Status);
        Assert.Equal([new BookingOutcome(zoe, SeatStatus.Waitlisted, 1)], list.Waitlisted);
        Assert.Equal(HttpStatusCode.NotFound, (await fair.Organizer.DeleteAsync($"/api/sessions/{session.Id}/bookings/{anna}")).StatusCode);

        // Sören is mailed a link; opening it changes nothing, the button takes the seat, once.
        var link = await OfferLinkAsync(fair, "soeren@rathaus-digital.example", "Ein Platz ist frei: KI-Assistenz im Bürgeramt – Masterclass");
        using (var browser = app.Anonymous())
        {
            var prompt = await browser.GetStringAsync(link);
            Assert.Contains("Platz annehmen", prompt);
            Assert.Contains("Masterclass Raum Ruhr", prompt);
        }
        Assert.Equal(SeatStatus.Offered, (await ListAsync(fair.Organizer, session.Id)).Booked.Single(b => b.AttendeeId == soeren).Status);
        var taken = await AnswerAsync(link, "take");
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        Assert.Contains("Platz gebucht", taken.Page);
        Assert.Contains("bereits angenommen", (await AnswerAsync(link, "take")).Page);
        Assert.Equal(SeatStatus.Booked, (await ListAsync(fair.Organizer, session.Id)).Booked.Single(b => b.AttendeeId == soeren).Status);

        // Jürgen gives his seat up: Zoë is offered it and lets the offer run out; the seat is free again, nobody is left waiting.
        Assert.Equal(HttpStatusCode.OK, (await fair.Organizer.DeleteAsync($"/api/sessions/{session.Id}/bookings/{juergen}")).StatusCode);
        var zoesLink = await OfferLinkAsync(fair, "zoe@waz.example", "Ein Platz ist frei: KI-Assistenz im Bürgeramt – Masterclass");
        await app.WithDbAsync(db => db.SessionBookings.Where(b => b.AttendeeId == zoe)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.OfferExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        Assert.Equal(1, await WithSeatsAsync(s => s.ExpireOffersAsync(CancellationToken.None)));
        var after = await ListAsync(fair.Organizer, session.Id);
        Assert.Equal([new BookingOutcome(soeren, SeatStatus.Booked)], after.Booked);
        Assert.Empty(after.Waitlisted);
        var late = await AnswerAsync(zoesLink, "take");
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Contains("Angebot abgelaufen", late.Page);

        // Booked again, Zoë has a seat at once (one is free); the audit names each cancellation.
        Assert.Equal(SeatStatus.Booked, (await BookAsync(fair.Organizer, session.Id, false, zoe)).Attendees!.Single().Status);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditLog.CountAsync(e => e.EventId == fair.Event.Id && e.Action == "session.booking-cancelled")));
    }

    [Fact]
    public async Task An_offered_seat_given_up_goes_to_the_next_and_overbooking_seats_everyone()
    {
        var (fair, session) = await OpenAsync(1);
        var (anna, juergen, soeren, zoe) = ((await fair.AttendeeAsync("A-1")).Id, (await fair.AttendeeAsync("A-2")).Id, (await fair.AttendeeAsync("A-3")).Id, (await fair.AttendeeAsync("A-4")).Id);
        await BookAsync(fair.Organizer, session.Id, false, anna, juergen, soeren);
        Assert.Equal(HttpStatusCode.OK, (await fair.Organizer.DeleteAsync($"/api/sessions/{session.Id}/bookings/{anna}")).StatusCode);

        var declined = await AnswerAsync(await OfferLinkAsync(fair, "j.gross@kreis-re.example", "Ein Platz ist frei: KI-Assistenz im Bürgeramt – Masterclass"), "decline");
        Assert.Contains("Platz freigegeben", declined.Page);
        Assert.Equal([new BookingOutcome(soeren, SeatStatus.Offered, OfferExpiresAt: (await ListAsync(fair.Organizer, session.Id)).Booked.Single().OfferExpiresAt)],
            (await ListAsync(fair.Organizer, session.Id)).Booked);

        // The organizer's decision: everyone in, whatever the room holds (a waiting person is moved to a seat).
        var over = await BookAsync(fair.Organizer, session.Id, true, anna, zoe);
        Assert.All(over.Attendees!, o => Assert.Equal(SeatStatus.Booked, o.Status));
        Assert.Equal(3, over.Booked);
    }

    [Fact]
    public async Task An_attendee_cancelled_by_an_import_or_erased_gives_their_seats_to_the_next_waiting()
    {
        var (fair, session) = await OpenAsync(40, sessionCapacity: 1);
        var (anna, juergen, soeren) = ((await fair.AttendeeAsync("A-1")).Id, (await fair.AttendeeAsync("A-2")).Id, (await fair.AttendeeAsync("A-3")).Id);
        await BookAsync(fair.Organizer, session.Id, false, anna, juergen, soeren);
        // A kiosk of the event counts what it is told: each roster change once.
        var (_, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var told = new System.Collections.Concurrent.ConcurrentQueue<long>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, TerminalHubNames.Route), o => o.AccessTokenProvider = () => Task.FromResult<string?>(enrolment.TerminalKey))
            .Build();
        hub.On<long>(TerminalHubNames.RosterChanged, told.Enqueue);
        await hub.StartAsync(TestContext.Current.CancellationToken);
        await hub.InvokeAsync<HeartbeatAnswer>(TerminalHubNames.Heartbeat, new TerminalHeartbeat("1.2.3", 0, "Ready", "lobby"), TestContext.Current.CancellationToken);

        var import = await fair.ImportAsync("ID;Vorname;Nachname;Organisation;Kategorie;E-Mail;Status\nA-1;Anna;Müller;Stadt Essen;Besucher;anna.mueller@essen.example;Storniert\n");
        Assert.Equal(1, import.Updated);
        var list = await ListAsync(fair.Organizer, session.Id);
        Assert.Equal((juergen, SeatStatus.Offered), (list.Booked.Single().AttendeeId, list.Booked.Single().Status));
        Assert.Equal([new BookingOutcome(soeren, SeatStatus.Waitlisted, 1)], list.Waitlisted);

        var erased = await fair.Organizer.PostAsJsonAsync($"/api/attendees/{juergen}/erase", new { reason = "Widerruf per E-Mail" });
        Assert.True(erased.IsSuccessStatusCode, await erased.Content.ReadAsStringAsync());
        list = await ListAsync(fair.Organizer, session.Id);
        Assert.Equal((soeren, SeatStatus.Offered), (list.Booked.Single().AttendeeId, list.Booked.Single().Status));
        Assert.Empty(list.Waitlisted);

        // The import and the erasure each told the kiosk once (their seat changes are part of their roster write); a
        // booking after them is told after them: three roster changes, three distinct sequences.
        await BookAsync(fair.Organizer, session.Id, true, (await fair.AttendeeAsync("A-4")).Id);
        await Eventually.Async(() => Task.FromResult(told.Count), n => n >= 3, "the booking after the erasure to be told");
        Assert.Equal(told.Distinct().Count(), told.Count);
        Assert.Equal(3, told.Count);
    }

    [Fact]
    public async Task Master_classes_chosen_on_the_form_are_booked_when_the_registration_is_confirmed_a_full_one_as_a_waitlist_place()
    {
        var (fair, full) = await OpenAsync(40, sessionCapacity: 1);
        var sessionsUrl = $"/api/events/{fair.Event.Id}/rooms/{full.RoomId}/sessions";
        async Task<SessionResponse> SessionAsync(string title, DateTimeOffset starts) =>
            (await (await fair.Organizer.PostAsJsonAsync(sessionsUrl, new SessionRequest(title, starts, starts.AddMinutes(90)), Json.Options))
                .Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;
        var sameTime = await SessionAsync("Digitale Bauakte", full.StartsAt.AddMinutes(30));
        var later = await SessionAsync("Open Data für Kommunen", full.StartsAt.AddHours(3));
        var saved = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", new
        {
            privacyNotice = "Wir verarbeiten Ihre Angaben für Badge und Einlass.",
            categories = new[] { new { name = "Öffentliche Verwaltung", badgeCategory = "Visitor" } },
            sessionIds = new[] { full.Id, sameTime.Id, later.Id },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await BookAsync(fair.Organizer, full.Id, false, (await fair.AttendeeAsync("A-1")).Id);

        // The form shows the seats left; the page says so in words.
        var shown = (await app.Anonymous().GetFromJsonAsync<Kiosk.Server.Registrations.RegistrationFormResponse>($"/api/events/{fair.Event.Id}/registration-form", Json.Options))!;
        Assert.Equal([(full.Id, 0), (sameTime.Id, 40), (later.Id, 40)], shown.Sessions.Select(x => (x.Id, x.Free!.Value)));
        var page = await app.Anonymous().GetStringAsync($"/register/{fair.Event.Id}/");
        Assert.Contains("ausgebucht – Warteliste", page);
        Assert.Contains("noch 40 Plätze frei", page);

        var category = shown.Categories[0].Id;
        object Person(string email, params int[] sessionIds) => new { firstName = "Jürgen", lastName = "Weiß", email, categoryId = category, privacyAccepted = true, sessionIds };
        var register = $"/api/events/{fair.Event.Id}/registrations";
        var overlap = await app.Anonymous().PostAsJsonAsync(register, Person("j.weiss@gelsenkirchen.example", full.Id, sameTime.Id));
        Assert.Equal(HttpStatusCode.BadRequest, overlap.StatusCode);
        Assert.Contains("sessionIds", await overlap.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().PostAsJsonAsync(register, Person("j.weiss@gelsenkirchen.example", 999_999))).StatusCode);

        var email = $"j.weiss.{Guid.NewGuid():N}@gelsenkirchen.example";
        Assert.Equal(HttpStatusCode.Accepted, (await app.Anonymous().PostAsJsonAsync(register, Person(email, full.Id, later.Id))).StatusCode);
        var mail = (await Eventually.Async(() => Task.FromResult(app.Sink.To(email).Select(m => m.Message()).ToList()), m => m.Count > 0, "the confirmation link"))[0];
        var link = Regex.Match(mail.TextBody ?? "", "/register/\\d+/confirm\\?t=([A-Za-z0-9%_-]+)").Groups[1].Value;
        using var browser = app.Anonymous();
        var confirmed = await browser.PostAsync($"/register/{fair.Event.Id}/confirm",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = Uri.UnescapeDataString(link), ["language"] = "de" }));
        var answer = await confirmed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("KI-Assistenz im Bürgeramt – Masterclass: ausgebucht, Sie stehen auf Platz 1 der Warteliste.", answer);
        Assert.Contains("Open Data für Kommunen: Ihr Platz ist gebucht.", answer);

        var attendee = await app.WithDbAsync(db => db.Attendees.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        Assert.Equal([new BookingOutcome(attendee, SeatStatus.Waitlisted, 1)], (await ListAsync(fair.Organizer, full.Id)).Waitlisted);
        Assert.Contains(new BookingOutcome(attendee, SeatStatus.Booked), (await ListAsync(fair.Organizer, later.Id)).Booked);
    }

    private async Task<T> WithSeatsAsync<T>(Func<SessionSeats, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<SessionSeats>());
    }
}
