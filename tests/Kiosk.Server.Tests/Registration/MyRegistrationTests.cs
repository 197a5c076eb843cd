using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiosk.Server.Attendees;
using Kiosk.Server.Registrations;
using Kiosk.Server.Rooms;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Registration;

public sealed class SqliteMyRegistrationTests(RegistrationKioskApp app) : MyRegistrationTests<RegistrationKioskApp>(app);

public sealed class PostgresMyRegistrationTests(PostgresRegistrationKioskApp app) : MyRegistrationTests<PostgresRegistrationKioskApp>(app);

/// <summary>"Meine Anmeldung" through its personal link: real HTTP with a browser's cookie jar, real SMTP sink, real database.</summary>
public abstract partial class MyRegistrationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : RegistrationKioskApp
{
    [GeneratedRegex("https://anmeldung\\.dikomm\\.example/register/(\\d+)/me\\?t=[A-Za-z0-9%_-]+")]
    private static partial Regex MyLink();

    private async Task<(Fair Fair, int Session)> OpenAsync(int capacity)
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Masterclass Raum Zollverein", 40);
        var starts = DateTimeOffset.UtcNow.AddDays(3);
        var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new SessionRequest("Digitale Bauakte – Masterclass", starts, starts.AddMinutes(90), Capacity: capacity), Json.Options);
        var session = (await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!.Id;
        var form = JsonSerializer.SerializeToNode(RegistrationTests<TApp>.Form())!.AsObject();
        form["sessionIds"] = new System.Text.Json.Nodes.JsonArray(session);
        (await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", form)).EnsureSuccessStatusCode();
        return (fair, session);
    }

    /// <summary>The personal link in the newest mail to this address about this event.</summary>
    private async Task<(string Link, MimeKit.MimeMessage Mail)> LinkAsync(Fair fair, string address, Func<MimeKit.MimeMessage, bool> which, string what)
    {
        var mails = await Eventually.Async(() => Task.FromResult(app.Sink.To(address).Select(m => m.Message())
            .Where(m => which(m) && MyLink().Matches(m.TextBody ?? "").Any(x => x.Groups[1].Value == $"{fair.Event.Id}")).ToList()), m => m.Count > 0, what);
        var link = MyLink().Matches(mails[^1].TextBody ?? "").Where(x => x.Groups[1].Value == $"{fair.Event.Id}").Select(x => x.Value).Distinct().Single();
        return (new Uri(link).PathAndQuery, mails[^1]);
    }

    /// <summary>A browser: its own cookie jar, redirects shown rather than followed.</summary>
    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, Fair fair, params (string, string)[] fields) =>
        browser.PostAsync($"/register/{fair.Event.Id}/me", new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)).Append(KeyValuePair.Create("language", "de"))));

    private static async Task<string> OpenAsync(HttpClient browser, string link)
    {
        var landing = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        // The token leaves the address: the page is at /me without it, and the cookie is for this page only.
        Assert.Equal(link.Split('?')[0], landing.Headers.Location!.OriginalString);
        var cookie = Assert.Single(landing.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"path={link.Split('?')[0]}", cookie, StringComparison.OrdinalIgnoreCase);
        var page = await browser.GetAsync(landing.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        return await page.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_badge_mail_opens_Meine_Anmeldung_with_the_same_QR_and_master_classes_are_booked_given_up_and_put_in_a_calendar()
    {
        var (fair, session) = await OpenAsync(capacity: 1);
        var anna = await fair.AttendeeAsync("A-1");
        var (link, badgeMail) = await LinkAsync(fair, "anna.mueller@essen.example", m => (m.Subject ?? "").StartsWith("Ihr Badge", StringComparison.Ordinal), "Anna's badge mail");
        Assert.Contains("Meine Anmeldung", badgeMail.HtmlBody);

        using var browser = Browser();
        var page = await OpenAsync(browser, link);
        Assert.Contains("Dr. Anna Müller", page);
        Assert.Contains("Digitale Bauakte – Masterclass", page);
        Assert.Contains("noch 1 Platz frei", page);

        // The QR on the page is the badge's, as in the badge mail.
        var qr = await browser.GetAsync($"/register/{fair.Event.Id}/me/badge.png");
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        var attached = badgeMail.Attachments.OfType<MimeKit.MimePart>().Single(p => p.FileName == "badge.png");
        var shownQr = new MimeKit.MimePart("image", "png") { Content = new MimeKit.MimeContent(new MemoryStream(await qr.Content.ReadAsByteArrayAsync())) };
        // Read as a phone camera would (zbarimg). Signatures are made afresh (ECDSA); what the badge says is the same, and it is ours.
        var (onPage, inMail) = (Mail.MailTests<TApp>.Decode(shownQr, $"{fair.Event.Id}-my-page"), Mail.MailTests<TApp>.Decode(attached, $"{fair.Event.Id}-my-mail"));
        Assert.True(Kiosk.Shared.Badges.BadgeToken.TryParse(onPage, out var shown));
        Assert.True(Kiosk.Shared.Badges.BadgeToken.TryParse(inMail, out var mailed));
        Assert.Equal(mailed.Claims, shown.Claims);
        var keys = await app.Services.GetRequiredService<Kiosk.Server.Badges.BadgeKeys>().ForEventAsync(fair.Event.Id);
        Assert.Equal(Kiosk.Shared.Badges.BadgeTokenCheck.Valid, keys.Ring.Check(onPage, DateTimeOffset.UtcNow, out _));

        var booked = await PostAsync(browser, fair, ("action", "book"), ("sessionId", $"{session}"));
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Contains("Ihr Platz in „Digitale Bauakte – Masterclass“ ist gebucht.", await booked.Content.ReadAsStringAsync());
        var juergen = await fair.AttendeeAsync("A-2");
        var waiting = await fair.Organizer.PostAsJsonAsync($"/api/sessions/{session}/bookings", new BookingRequest([juergen.Id]), Json.Options);
        Assert.Equal(SeatStatus.Waitlisted, (await waiting.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!.Attendees!.Single().Status);

        var ics = await browser.GetStringAsync($"/register/{fair.Event.Id}/me/calendar.ics");
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var entry = Assert.Single(calendar.Events);
        Assert.Equal("Digitale Bauakte – Masterclass", entry.Summary);
        var starts = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.StartsAt).SingleAsync());
        Assert.Equal(starts.UtcDateTime, entry.Start!.AsUtc, TimeSpan.FromSeconds(1));

        // Giving the seat up passes it to Jürgen, first on the waitlist, as an offer by mail.
        var left = await PostAsync(browser, fair, ("action", "leave"), ("sessionId", $"{session}"));
        Assert.Contains("ist freigegeben", await left.Content.ReadAsStringAsync());
        var list = await fair.Organizer.GetFromJsonAsync<SessionBookingsResponse>($"/api/sessions/{session}/bookings", Json.Options);
        Assert.Equal([(juergen.Id, SeatStatus.Offered)], list!.Booked.Select(b => (b.AttendeeId, b.Status)));
        Assert.Equal(["session.booked", "session.booking-cancelled"], await app.WithDbAsync(db => db.AuditLog
            .Where(e => e.AttendeeId == anna.Id && e.Actor == MyRegistration.Actor).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));

        // Another browser, or another site posting here, has no cookie: nothing changes.
        using var stranger = Browser();
        var refused = await PostAsync(stranger, fair, ("action", "cancel"), ("confirm", "true"));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(AttendeeStatus.Registered, (await fair.AttendeeAsync("A-1")).Status);
        // A changed token opens nothing either.
        var forged = await stranger.GetAsync(link[..^3] + (link.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains("ungültig oder abgelaufen", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_spelling_of_the_name_is_corrected_until_check_in_and_cancelling_revokes_the_badge_and_frees_the_seat()
    {
        var (fair, session) = await OpenAsync(capacity: 1);
        var soeren = await fair.AttendeeAsync("A-3");
        var (link, _) = await LinkAsync(fair, "soeren@rathaus-digital.example", m => (m.Subject ?? "").StartsWith("Ihr Badge", StringComparison.Ordinal), "Sören's badge mail");
        using var browser = Browser();
        await OpenAsync(browser, link);
        var seqBefore = await app.WithDbAsync(db => db.Attendees.Where(a => a.Id == soeren.Id).Select(a => a.RosterSeq).SingleAsync());

        var corrected = await PostAsync(browser, fair, ("action", "name"), ("title", ""), ("firstName", "Søren"), ("lastName", "Weiss"));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Contains("Ihr Name ist korrigiert", await corrected.Content.ReadAsStringAsync());
        var after = await app.WithDbAsync(db => db.Attendees.AsNoTracking().SingleAsync(a => a.Id == soeren.Id));
        Assert.Equal(("Søren", "Weiss"), (after.FirstName, after.LastName));
        Assert.True(after.RosterSeq > seqBefore, "the correction reaches the kiosks by the roster");
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.AttendeeId == soeren.Id && e.Action == "attendee.corrected" && e.Actor == MyRegistration.Actor)));

        // Another person's name is not a spelling.
        var other = await PostAsync(browser, fair, ("action", "name"), ("firstName", "Friedrich"), ("lastName", "Hölderlin"));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("mehr als eine Korrektur der Schreibweise", await other.Content.ReadAsStringAsync());
        Assert.Equal("Weiss", (await fair.AttendeeAsync("A-3")).LastName);

        // Cancelling: the box must be ticked; then the badge is revoked and the seat goes to the waitlist.
        await PostAsync(browser, fair, ("action", "book"), ("sessionId", $"{session}"));
        var zoe = await fair.AttendeeAsync("A-4");
        (await fair.Organizer.PostAsJsonAsync($"/api/sessions/{session}/bookings", new BookingRequest([zoe.Id]), Json.Options)).EnsureSuccessStatusCode();
        var unticked = await PostAsync(browser, fair, ("action", "cancel"));
        Assert.Equal(HttpStatusCode.BadRequest, unticked.StatusCode);
        Assert.Contains("Bitte bestätigen Sie die Stornierung", await unticked.Content.ReadAsStringAsync());
        var cancelled = await PostAsync(browser, fair, ("action", "cancel"), ("confirm", "true"));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("Ihre Anmeldung ist storniert", await cancelled.Content.ReadAsStringAsync());
        var gone = await app.WithDbAsync(db => db.Attendees.AsNoTracking().Include(a => a.Badge).SingleAsync(a => a.Id == soeren.Id));
        Assert.Equal((AttendeeStatus.Cancelled, 2), (gone.Status, gone.Badge!.Version));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/register/{fair.Event.Id}/me/badge.png")).StatusCode);
        var list = await fair.Organizer.GetFromJsonAsync<SessionBookingsResponse>($"/api/sessions/{session}/bookings", Json.Options);
        Assert.Equal([zoe.Id], list!.Booked.Select(b => b.AttendeeId));

        // Checked in: the page shows it and changes nothing.
        var (annaLink, _) = await LinkAsync(fair, "anna.mueller@essen.example", m => (m.Subject ?? "").StartsWith("Ihr Badge", StringComparison.Ordinal), "Anna's badge mail");
        var anna = await fair.AttendeeAsync("A-1");
        await app.WithDbAsync(db => db.Attendees.Where(a => a.Id == anna.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        using var annas = Browser();
        Assert.Contains("Sie sind eingecheckt", await OpenAsync(annas, annaLink));
        var late = await PostAsync(annas, fair, ("action", "name"), ("firstName", "Anne"), ("lastName", "Müller"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("Anna", (await fair.AttendeeAsync("A-1")).FirstName);
    }

    [Fact]
    public async Task The_link_is_sent_again_to_a_registered_address_only_within_its_share_of_mails_and_the_page_says_the_same_for_any_address()
    {
        var (fair, _) = await OpenAsync(capacity: 5);
        using var browser = Browser();
        async Task<string> AskAsync(string email)
        {
            var asked = await browser.PostAsync($"/register/{fair.Event.Id}/me/link",
                new FormUrlEncodedContent([KeyValuePair.Create("email", email), KeyValuePair.Create("language", "en")]));
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            return await asked.Content.ReadAsStringAsync();
        }
        var known = await AskAsync("J.Gross@Kreis-RE.example");
        var unknown = await AskAsync($"nobody.{Guid.NewGuid():N}@essen.example");
        Assert.Equal(known, unknown);
        Assert.Contains("If this address is registered for the event", unknown);

        var (link, mail) = await LinkAsync(fair, "j.gross@kreis-re.example", m => (m.Subject ?? "").StartsWith("Your link", StringComparison.Ordinal), "the link mail");
        Assert.StartsWith("Your link to “My registration”", mail.Subject); // imported, with no registration's language: the page's
        Assert.Contains("Jürgen Groß", await OpenAsync(Browser(), link));

        // Three link mails an hour per address, however often someone asks.
        for (var i = 0; i < 4; i++) await AskAsync("j.gross@kreis-re.example");
        var juergen = await fair.AttendeeAsync("A-2");
        Assert.Equal(3, await app.WithDbAsync(db => db.RegistrationMails.CountAsync(m => m.AttendeeId == juergen.Id && m.Kind == RegistrationMailKind.MyLink)));
    }
    [Fact]
    public async Task Someone_who_cancelled_online_can_sign_up_again_and_gets_a_new_badge_while_the_old_QR_stays_refused()
    {
        var (fair, _) = await OpenAsync(capacity: 5);
        var form = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/events/{fair.Event.Id}/registration-form");
        var category = form.GetProperty("categories")[0].GetProperty("id").GetInt32();
        var email = $"r.schaefer.{Guid.NewGuid().ToString("N")[..8]}@bottrop.example";
        async Task SignUpAndConfirmAsync(int confirmations)
        {
            var sent = await app.Anonymous().PostAsJsonAsync($"/api/events/{fair.Event.Id}/registrations",
                new { firstName = "Renate", lastName = "Schäfer", organization = "Stadt Bottrop", email, categoryId = category, privacyAccepted = true });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            var mails = await Eventually.Async(() => Task.FromResult(app.Sink.To(email).Select(m => m.Message())
                .Where(m => (m.Subject ?? "").StartsWith("Bitte bestätigen", StringComparison.Ordinal)).ToList()), m => m.Count >= confirmations, "the confirmation link");
            var token = Uri.UnescapeDataString(Regex.Match(mails[^1].TextBody ?? "", "/confirm\\?t=([A-Za-z0-9%_-]+)").Groups[1].Value);
            var confirmed = await app.Anonymous().PostAsync($"/register/{fair.Event.Id}/confirm",
                new FormUrlEncodedContent([KeyValuePair.Create("t", token), KeyValuePair.Create("language", "de")]));
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }
        Task<int> BadgeMailsAsync() => Task.FromResult(app.Sink.To(email).Count(m => (m.Message().Subject ?? "").StartsWith("Ihr Badge", StringComparison.Ordinal)));

        await SignUpAndConfirmAsync(1);
        var (link, _) = await LinkAsync(fair, email, m => (m.Subject ?? "").StartsWith("Ihr Badge", StringComparison.Ordinal), "the badge mail");
        using var browser = Browser();
        await OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(browser, fair, ("action", "cancel"), ("confirm", "true"))).StatusCode);
        var counts = await fair.Organizer.GetFromJsonAsync<RegistrationListResponse>($"/api/events/{fair.Event.Id}/registrations", Json.Options);
        Assert.Equal((0, 1), (counts!.Counts[0].Confirmed, counts.Counts[0].Cancelled));

        await SignUpAndConfirmAsync(2);
        var attendee = Assert.Single(await app.WithDbAsync(db => db.Attendees.AsNoTracking().Include(a => a.Badge).Where(a => a.EventId == fair.Event.Id && a.Email == email).ToListAsync()));
        Assert.Equal((AttendeeStatus.Registered, 3), (attendee.Status, attendee.Badge!.Version));
        Assert.Equal(RegistrationState.Confirmed, await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == email).Select(r => r.State).SingleAsync()));
        // The new badge version has its own mail (the first one's QR is refused at the kiosk).
        await Eventually.Async(BadgeMailsAsync, n => n == 2, "the second badge mail");

        // Art. 15: the export holds the sign-up with its consent and when it was given, and the page's acts as the attendee's own.
        var export = await fair.Organizer.GetFromJsonAsync<JsonElement>($"/api/attendees/{attendee.Id}/personal-data");
        var registration = export.GetProperty("registration");
        Assert.Equal("Öffentliche Verwaltung", registration.GetProperty("category").GetString());
        Assert.True(registration.GetProperty("privacyAcceptedAt").GetDateTimeOffset() <= registration.GetProperty("confirmedAt").GetDateTimeOffset());
        Assert.Contains(export.GetProperty("auditEntries").EnumerateArray(),
            e => e.GetProperty("action").GetString() == "attendee.cancelled" && e.GetProperty("actorRole").GetString() == "Attendee");
    }
}
