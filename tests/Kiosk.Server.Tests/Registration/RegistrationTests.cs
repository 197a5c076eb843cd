using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiosk.Server.Attendees;
using Kiosk.Server.Registrations;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Registration;

public sealed class SqliteRegistrationTests(RegistrationKioskApp app) : RegistrationTests<RegistrationKioskApp>(app);

public sealed class PostgresRegistrationTests(PostgresRegistrationKioskApp app) : RegistrationTests<PostgresRegistrationKioskApp>(app);

/// <summary>Online registration with double opt-in, through real HTTP and a real SMTP sink.</summary>
public abstract partial class RegistrationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : RegistrationKioskApp
{
    internal static object Form(params object[] categories) => new
    {
        privacyNotice = "Wir verarbeiten Ihre Angaben für Badge und Einlass.\nLöschung nach 90 Tagen.",
        privacyNoticeEn = "We process your details for the badge and admission.",
        contactSharingText = "Ausstellende dürfen mich kontaktieren.",
        categories = categories.Length > 0 ? categories : [new { name = "Öffentliche Verwaltung", nameEn = "Public administration", badgeCategory = "Visitor" }],
    };

    private async Task<(Fair Fair, JsonElement Form, string Tag)> OpenAsync(object? form = null)
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var saved = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", form ?? Form());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return (fair, await saved.Content.ReadFromJsonAsync<JsonElement>(), Guid.NewGuid().ToString("N")[..10]);
    }

    private static int Category(JsonElement form, int index = 0) => form.GetProperty("categories")[index].GetProperty("id").GetInt32();

    private async Task<HttpResponseMessage> RegisterAsync(Fair fair, object body) =>
        await app.Anonymous().PostAsJsonAsync($"/api/events/{fair.Event.Id}/registrations", body);

    private static object Person(int category, string email, string last = "Weiß", bool privacy = true, string? website = null, string language = "de") =>
        new { title = "Dr.", firstName = "Jürgen", lastName = last, organization = "Stadt Gelsenkirchen", email, categoryId = category, privacyAccepted = privacy, website, language };

    private async Task<MimeKit.MimeMessage> MailAsync(string address, Func<MimeKit.MimeMessage, bool> which, string what) =>
        (await Eventually.Async(() => Task.FromResult(app.Sink.To(address).Select(m => m.Message()).Where(which).ToList()), m => m.Count > 0, what))[0];

    [GeneratedRegex("https://anmeldung\\.dikomm\\.example/register/\\d+/confirm\\?t=[A-Za-z0-9%_-]+")]
    private static partial Regex ConfirmLink();

    private static string LinkIn(MimeKit.MimeMessage mail) => ConfirmLink().Match(mail.TextBody ?? "").Value;

    /// <summary>The link as the registrant's browser opens it: on this test server, not the public address the mail names.</summary>
    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    private static string Local(string link) => new Uri(link).PathAndQuery;

    private Task<List<Attendee>> AttendeesAsync(int eventId, string email) =>
        app.WithDbAsync(db => db.Attendees.AsNoTracking().Include(a => a.Badge).Where(a => a.EventId == eventId && a.Email == email).ToListAsync());

    [Fact]
    public async Task A_registration_becomes_an_attendee_with_a_badge_only_when_its_link_is_followed()
    {
        var (fair, form, tag) = await OpenAsync();
        var email = $"j.weiss.{tag}@gelsenkirchen.example";
        var answer = await RegisterAsync(fair, Person(Category(form), email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("pending", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Empty(await AttendeesAsync(fair.Event.Id, email));

        var mail = await MailAsync(email, m => (m.Subject ?? "").StartsWith("Bitte bestätigen", StringComparison.Ordinal), "the confirmation link");
        Assert.Equal("Dr. Jürgen Weiß", mail.To.Mailboxes.Single().Name);
        var link = LinkIn(mail);
        Assert.NotEmpty(link);
        Assert.Contains(link, mail.HtmlBody ?? "");

        // Opening the link changes nothing (mail scanners open links); the button confirms.
        var browser = Browser();
        var prompt = await browser.GetStringAsync(Local(link));
        Assert.Contains("Ja, Anmeldung bestätigen", prompt);
        Assert.Empty(await AttendeesAsync(fair.Event.Id, email));
        var token = Uri.UnescapeDataString(link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        var confirm = () => browser.PostAsync($"/register/{fair.Event.Id}/confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = token, ["language"] = "de" }));
        var confirmed = await confirm();
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Anmeldung bestätigt", await confirmed.Content.ReadAsStringAsync());

        var attendee = Assert.Single(await AttendeesAsync(fair.Event.Id, email));
        Assert.Equal(("Dr.", "Jürgen", "Weiß", "Stadt Gelsenkirchen"), (attendee.Title, attendee.FirstName, attendee.LastName, attendee.Organization));
        Assert.Equal(AttendeeStatus.Registered, attendee.Status);
        Assert.NotNull(attendee.Badge);
        var registration = await app.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Email == email));
        Assert.Equal((RegistrationState.Confirmed, attendee.Id), (registration.State, registration.AttendeeId));
        Assert.NotNull(registration.ConfirmedAt);
        Assert.True(registration.PrivacyAcceptedAt <= registration.ConfirmedAt);
        Assert.Null(registration.ContactSharingAt);

        // The badge mail with the QR code follows, as for an imported attendee.
        await MailAsync(email, m => (m.Subject ?? "").StartsWith("Ihr Badge", StringComparison.Ordinal), "the badge mail");

        // The link a second time: nothing new.
        var again = await confirm();
        Assert.Contains("bereits bestätigt", await again.Content.ReadAsStringAsync());
        Assert.Single(await AttendeesAsync(fair.Event.Id, email));
    }

    [Fact]
    public async Task The_same_address_registering_again_gets_a_mail_and_never_a_second_attendee_and_the_answer_does_not_tell()
    {
        var (fair, form, tag) = await OpenAsync();
        var email = $"doppelt.{tag}@essen.example";
        var first = await RegisterAsync(fair, Person(Category(form), email));
        var firstBody = await first.Content.ReadAsStringAsync();
        // Pending: registering again sends the link again.
        var second = await RegisterAsync(fair, Person(Category(form), email, last: "Weiss"));
        Assert.Equal((first.StatusCode, firstBody), (second.StatusCode, await second.Content.ReadAsStringAsync()));
        await Eventually.Async(() => Task.FromResult(app.Sink.To(email).Count), n => n == 2, "two confirmation mails");
        Assert.Single(await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == email).ToListAsync()));

        // An imported attendee's address: "already registered", not a registration.
        var imported = await RegisterAsync(fair, Person(Category(form), "anna.mueller@essen.example"));
        Assert.Equal((first.StatusCode, firstBody), (imported.StatusCode, await imported.Content.ReadAsStringAsync()));
        var mail = await MailAsync("anna.mueller@essen.example", m => (m.Subject ?? "").StartsWith("Sie sind bereits angemeldet", StringComparison.Ordinal), "already registered");
        Assert.Equal("Dr. Anna Müller", mail.To.Mailboxes.Single().Name);
        Assert.DoesNotContain("/confirm", mail.TextBody ?? "");
        Assert.Single(await AttendeesAsync(fair.Event.Id, "anna.mueller@essen.example"));
        Assert.False(await app.WithDbAsync(db => db.Registrations.AnyAsync(r => r.Email == "anna.mueller@essen.example")));

        // Someone typing another person's address again and again: three mails an hour at most.
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Accepted, (await RegisterAsync(fair, Person(Category(form), "anna.mueller@essen.example"))).StatusCode);
        await Eventually.Async(() => app.WithDbAsync(db => db.RegistrationMails.CountAsync(m => m.EventId == fair.Event.Id && m.AttendeeId != null)), n => n == 3, "three mails queued");
    }

    [Fact]
    public async Task Parallel_registrations_of_one_address_make_one_registration()
    {
        var (fair, form, tag) = await OpenAsync();
        var email = $"parallel.{tag}@essen.example";
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => RegisterAsync(fair, Person(Category(form), email))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Single(await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == email).ToListAsync()));
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_never_a_server_error()
    {
        var (fair, form, _) = await OpenAsync();
        var answer = await RegisterAsync(fair, new { lastName = " ", email = "kein-at.example", categoryId = 999_999, privacyAccepted = false, title = new string('T', 60) });
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/problems/validation", problem.GetProperty("type").GetString());
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(new[] { "title", "lastName", "email", "categoryId", "privacyAccepted" }.Order(), fields.Order());

        // The page without JavaScript: the form again, with the errors at the top and at each field, and what was typed.
        var page = await Browser().PostAsync($"/register/{fair.Event.Id}/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["firstName"] = "Jürgen", ["lastName"] = "", ["email"] = "juergen@", ["categoryId"] = Category(form).ToString(), ["language"] = "de",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Bitte geben Sie Ihren Nachnamen an.", html);
        Assert.Contains("Diese E-Mail-Adresse ist nicht gültig.", html);
        Assert.Contains("Bitte stimmen Sie den Datenschutzhinweisen zu.", html);
        Assert.Contains("value=\"Jürgen\"", html);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"lastName-error\"", html);
    }

    [Fact]
    public async Task The_form_takes_registrations_only_between_its_opening_and_closing_times()
    {
        var soon = DateTimeOffset.UtcNow.AddDays(2);
        var (fair, form, tag) = await OpenAsync();
        var later = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", new
        {
            opensAt = soon, privacyNotice = "Datenschutz.", categories = new[] { new { id = Category(form), name = "Verwaltung", badgeCategory = "Visitor" } },
        });
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.False((await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("open").GetBoolean());
        var refused = await RegisterAsync(fair, Person(Category(form), $"frueh.{tag}@essen.example"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("/problems/registration-closed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        var page = await Browser().GetStringAsync($"/register/{fair.Event.Id}/?lang=en");
        Assert.Contains("Registration opens on", page);
        Assert.DoesNotContain("<form", page);

        var wrong = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", new
        {
            opensAt = soon, closesAt = soon.AddHours(-1), privacyNotice = "x", categories = new[] { new { id = Category(form), name = "Verwaltung" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_like_anyone_and_nothing_is_kept()
    {
        var (fair, form, tag) = await OpenAsync();
        var email = $"robot.{tag}@spam.example";
        var answer = await RegisterAsync(fair, Person(Category(form), email, website: "https://spam.example"));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Registrations.AnyAsync(r => r.Email == email)));
        Assert.Empty(app.Sink.To(email));
    }

    [Fact]
    public async Task A_category_with_a_quota_takes_no_more_than_its_places_and_one_needing_approval_waits_for_an_organizer()
    {
        var (fair, form, tag) = await OpenAsync(Form(new { name = "Presse", badgeCategory = "Press", needsApproval = true, quota = 2 }));
        var press = Category(form);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => RegisterAsync(fair, Person(press, $"presse{i}.{tag}@waz.example"))));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        var full = await (await app.Anonymous().GetAsync($"/api/events/{fair.Event.Id}/registration-form")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(full.GetProperty("categories")[0].GetProperty("full").GetBoolean());

        var accepted = await app.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == fair.Event.Id).Select(r => r.Email).FirstAsync());
        var link = LinkIn(await MailAsync(accepted, _ => true, "the link"));
        var token = Uri.UnescapeDataString(link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        var page = await Browser().PostAsync($"/register/{fair.Event.Id}/confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = token, ["language"] = "en" }));
        Assert.Contains("The organizers review your registration", await page.Content.ReadAsStringAsync());
        Assert.Empty(await AttendeesAsync(fair.Event.Id, accepted));
        Assert.Equal(RegistrationState.AwaitingApproval, await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == accepted).Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task An_organizer_approves_one_registration_awaiting_approval_into_an_attendee_and_refuses_another_which_frees_its_quota_place()
    {
        var (fair, form, tag) = await OpenAsync(Form(new { name = "Presse", badgeCategory = "Press", needsApproval = true, quota = 2 }));
        var press = Category(form);
        var (approved, refused) = ($"presse.a.{tag}@waz.example", $"presse.r.{tag}@waz.example");
        foreach (var email in new[] { approved, refused })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RegisterAsync(fair, Person(press, email))).StatusCode);
            var token = Uri.UnescapeDataString(LinkIn(await MailAsync(email, _ => true, "the link")).Split("t=")[1]);
            (await Browser().PostAsync($"/register/{fair.Event.Id}/confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = token, ["language"] = "de" }))).EnsureSuccessStatusCode();
        }
        var waiting = await fair.Organizer.GetFromJsonAsync<RegistrationListResponse>($"/api/events/{fair.Event.Id}/registrations?state=AwaitingApproval", Json.Options);
        Assert.Equal(2, waiting!.Registrations.Count);
        Assert.Equal((2, 0, 0), (waiting.Counts.Single().AwaitingApproval, waiting.Counts.Single().Confirmed, waiting.Counts.Single().Refused));
        var ids = waiting.Registrations.ToDictionary(r => r.Email, r => r.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync($"/api/events/{fair.Event.Id}/registrations/{ids[approved]}/approve", null)).StatusCode);

        var yes = await fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/registrations/{ids[approved]}/approve", null);
        Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
        var decision = (await yes.Content.ReadFromJsonAsync<RegistrationDecision>(Json.Options))!;
        var attendee = Assert.Single(await AttendeesAsync(fair.Event.Id, approved));
        Assert.Equal((RegistrationState.Confirmed, attendee.Id, Kiosk.Shared.Badges.AttendeeCategory.Press), (decision.State, decision.AttendeeId!.Value, attendee.Category));
        await MailAsync(approved, m => (m.Subject ?? "").StartsWith("Ihr Badge", StringComparison.Ordinal), "the badge mail");
        Assert.Equal(HttpStatusCode.Conflict, (await fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/registrations/{ids[approved]}/approve", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/registrations/{ids[refused]}/refuse", null)).StatusCode);
        Assert.Empty(await AttendeesAsync(fair.Event.Id, refused));
        await MailAsync(refused, m => m.Subject == "Ihre Anmeldung: dikomm Test", "the refusal");
        Assert.Equal(HttpStatusCode.Conflict, (await fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/registrations/{ids[refused]}/approve", null)).StatusCode);
        // The refused place in the quota of 2 is free again.
        Assert.Equal(HttpStatusCode.Accepted, (await RegisterAsync(fair, Person(press, $"presse.n.{tag}@waz.example"))).StatusCode);
        var all = await fair.Organizer.GetFromJsonAsync<RegistrationListResponse>($"/api/events/{fair.Event.Id}/registrations", Json.Options);
        Assert.Equal((1, 0, 1, 1), (all!.Counts.Single().Pending, all.Counts.Single().AwaitingApproval, all.Counts.Single().Confirmed, all.Counts.Single().Refused));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditLog.CountAsync(e => e.EventId == fair.Event.Id && (e.Action == "registration.approved" || e.Action == "registration.refused"))));

        // The list as German Excel opens it: one line per registration with its state and consent times; the same as a workbook.
        var csv = System.Text.Encoding.UTF8.GetString(await fair.Organizer.GetByteArrayAsync($"/api/events/{fair.Event.Id}/registrations.csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Eingegangen;Status;Teilnahme als;Titel;Vorname;Nachname;Organisation;E-Mail;Sprache;Datenschutz zugestimmt", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains(";bestätigt;Presse;Dr.;Jürgen;Weiß;Stadt Gelsenkirchen;" + approved + ";de;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(";abgelehnt;", StringComparison.Ordinal) && l.Contains(refused, StringComparison.Ordinal));
        var xlsx = await fair.Organizer.GetAsync($"/api/events/{fair.Event.Id}/registrations.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/events/{fair.Event.Id}/registrations.csv")).StatusCode);
    }

    [Fact]
    public async Task A_link_that_was_changed_or_belongs_to_nobody_confirms_nothing()
    {
        var (fair, form, tag) = await OpenAsync();
        var email = $"falsch.{tag}@essen.example";
        await RegisterAsync(fair, Person(Category(form), email));
        var link = LinkIn(await MailAsync(email, _ => true, "the link"));
        var changed = Local(link)[..^3] + (Local(link).EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        var answer = await Browser().GetAsync(changed);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("Link ungültig", await answer.Content.ReadAsStringAsync());
        var posted = await Browser().PostAsync($"/register/{fair.Event.Id}/confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = "nonsense" }));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Empty(await AttendeesAsync(fair.Event.Id, email));
    }

    [Fact]
    public async Task Unconfirmed_registrations_are_deleted_when_their_confirmation_window_has_passed()
    {
        var (fair, form, tag) = await OpenAsync();
        var (old, fresh) = ($"alt.{tag}@essen.example", $"neu.{tag}@essen.example");
        await RegisterAsync(fair, Person(Category(form), old));
        await RegisterAsync(fair, Person(Category(form), fresh));
        await app.WithDbAsync(db => db.Registrations.Where(r => r.Email == old).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddHours(-49))));
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<Registrations.Registrations>().DeleteUnconfirmedAsync(CancellationToken.None) >= 1);
        var left = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == fair.Event.Id).Select(r => r.Email).ToListAsync());
        Assert.Equal([fresh], left);
        Assert.False(await app.WithDbAsync(db => db.RegistrationMails.AnyAsync(m => m.EventId == fair.Event.Id && !db.Registrations.Any(r => r.Id == m.RegistrationId))));
    }
}
