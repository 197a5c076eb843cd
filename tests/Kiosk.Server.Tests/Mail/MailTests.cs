using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Attendees;
using Kiosk.Server.Badges;
using Kiosk.Server.Mail;
using Kiosk.Testing;
using Kiosk.Shared.Badges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kiosk.Server.Tests.Mail;

public sealed class SqliteMailTests(MailKioskApp app) : MailTests<MailKioskApp>(app);

public sealed class PostgresMailTests(PostgresMailKioskApp app) : MailTests<PostgresMailKioskApp>(app);

/// <summary>Confirmation mails through a real SMTP socket: one per attendee and badge version, retries, bounces.</summary>
public abstract class MailTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : MailKioskApp
{
    private static readonly string Pictures = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "mail-qr")).FullName;
    private const string EventName = "dikomm Süd 2026 – Straßen & Größe";

    /// <summary>Four attendees, three with an address; the tag keeps each test's recipients apart in the shared sink.</summary>
    internal static string Roster(string tag) => $"""
        ID;Titel;Vorname;Nachname;Organisation;Kategorie;E-Mail
        A-1;Dr.;Anna;Müller;Stadt Essen;Besucher;anna.mueller.{tag}@essen.example
        A-2;;Jürgen;Groß;Kreis Recklinghausen;Referent;j.gross.{tag}@kreis-re.example
        A-3;;Sören;Weiß;Rathaus Digital GmbH;Aussteller;
        A-4;;Zoë;Öztürk;WAZ;Presse;zoe.{tag}@waz.example
        """;

    private async Task<(Fair Fair, string Tag)> OpenAsync(string? refuse = null, string? reply = null)
    {
        app.RequireEngine();
        var tag = Guid.NewGuid().ToString("N")[..10];
        if (refuse is not null) app.Sink.Refuse($"{refuse}.{tag}", 1, reply!);
        var organizer = await app.OrganizerAsync();
        var fair = new Fair { App = app, Organizer = organizer, Event = await app.CreateEventAsync(organizer, EventName) };
        Assert.Empty((await fair.ImportAsync(Roster(tag))).Rejected);
        return (fair, tag);
    }

    private Task<List<ConfirmationMail>> RowsAsync(int eventId) =>
        app.WithDbAsync(db => db.ConfirmationMails.AsNoTracking().Where(m => m.EventId == eventId).OrderBy(m => m.Id).ToListAsync());

    private async Task<List<ConfirmationMail>> AllSentAsync(int eventId, int count) =>
        await Eventually.Async(() => RowsAsync(eventId), rows => rows.Count == count && rows.All(r => r.Status == ConfirmationMailStatus.Sent), $"{count} mails sent");

    private async Task ConfirmationMailsAsync(Func<ConfirmationMails, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<ConfirmationMails>());
    }

    [Fact]
    public async Task Each_attendee_with_an_address_gets_one_mail_carrying_the_badge_qr()
    {
        var (fair, tag) = await OpenAsync();
        var rows = await AllSentAsync(fair.Event.Id, 3);
        Assert.All(rows, r => Assert.StartsWith("<", "<" + r.MessageId));
        var received = app.Sink.To(tag);
        Assert.Equal(3, received.Count);
        Assert.Single(app.Sink.To($"anna.mueller.{tag}"));
        Assert.Single(app.Sink.To($"j.gross.{tag}"));
        Assert.Single(app.Sink.To($"zoe.{tag}"));

        var anna = await fair.AttendeeAsync("A-1");
        var raw = app.Sink.To($"anna.mueller.{tag}").Single();
        var message = raw.Message();
        Assert.Equal($"Ihr Badge für {EventName} / Your badge for {EventName}", message.Subject);
        Assert.Equal("Dr. Anna Müller", message.To.Mailboxes.Single().Name);
        Assert.Equal("dikomm Einlaß", message.From.Mailboxes.Single().Name);
        Assert.Contains(rows, r => r.AttendeeId == anna.Id && r.MessageId == message.MessageId);
        // On the wire the headers are 7-bit: the umlauts travel RFC 2047-encoded and come back intact above.
        var headerEnd = Encoding.ASCII.GetString(raw.Raw).IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.All(raw.Raw.Take(headerEnd), b => Assert.True(b < 0x80));

        Assert.Equal("multipart/alternative", message.Body is Multipart m ? FindAlternative(m)?.ContentType.MimeType : null);
        var text = message.TextBody!;
        Assert.Contains("Guten Tag Dr. Anna Müller", text);
        Assert.Contains("Hello Dr. Anna Müller", text);
        Assert.True(text.IndexOf("Guten Tag", StringComparison.Ordinal) < text.IndexOf("Hello", StringComparison.Ordinal), "German comes first");
        Assert.Contains("Messe Essen", text);
        var html = System.Net.WebUtility.HtmlDecode(message.HtmlBody!);
        Assert.Contains("Dr. Anna Müller", html);
        // Nothing is loaded from elsewhere; the one address is the attendee's own page ("Meine Anmeldung"), a link to follow.
        var addresses = System.Text.RegularExpressions.Regex.Matches(html, "https?://[^\"\\s<]+").Select(x => x.Value).Distinct().ToList();
        Assert.Equal([$"/register/{anna.EventId}/me"], addresses.Select(a => new Uri(a).AbsolutePath));
        Assert.Contains($"href=\"{addresses[0]}\"", html);
        Assert.DoesNotContain("src=\"http", html);

        var inline = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "image/png" && !p.IsAttachment);
        Assert.Contains($"cid:{inline.ContentId}", html);
        var attachment = message.Attachments.OfType<MimePart>().Single();
        Assert.Equal("badge.png", attachment.FileName);

        var token = Decode(inline, $"{fair.Event.Id}-anna");
        Assert.Equal(token, Decode(attachment, $"{fair.Event.Id}-anna-attachment"));
        var badge = await fair.Organizer.GetFromJsonAsync<BadgeTokenResponse>($"/api/attendees/{anna.Id}/badge", Json.Options);
        Assert.True(BadgeToken.TryParse(token, out var mailed));
        Assert.True(BadgeToken.TryParse(badge!.Token, out var served));
        // ECDSA signatures differ on every signing; what the badge says must be the same.
        Assert.Equal(served.Claims, mailed.Claims);
        Assert.Equal(badge.BadgeId, mailed.Claims.BadgeId);
        var keys = await app.Services.GetRequiredService<BadgeKeys>().ForEventAsync(fair.Event.Id);
        Assert.Equal(BadgeTokenCheck.Valid, keys.Ring.Check(token, DateTimeOffset.UtcNow, out _));
    }

    [Fact]
    public async Task Queueing_again_sends_nothing_and_a_reissued_badge_gets_exactly_one_more_mail()
    {
        var (fair, tag) = await OpenAsync();
        var rows = await AllSentAsync(fair.Event.Id, 3);

        await ConfirmationMailsAsync(async mails =>
        {
            await mails.QueueForEventAsync(fair.Event.Id, CancellationToken.None);
            await mails.RunDueAsync(CancellationToken.None);
            foreach (var row in rows) await mails.SendAsync(row.Id, CancellationToken.None);
        });
        Assert.Equal(3, (await RowsAsync(fair.Event.Id)).Count);
        Assert.Equal(3, app.Sink.To(tag).Count);

        // A reissue as the staff desk makes it: a new badge version and a roster change.
        var anna = await fair.AttendeeAsync("A-1");
        await app.WithDbAsync(async db =>
        {
            await db.Badges.Where(b => b.AttendeeId == anna.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Version, b => b.Version + 1));
            return await db.Attendees.Where(a => a.Id == anna.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.RosterSeq, a => a.RosterSeq + 1));
        });
        // The minutely pass would find it too; calling it keeps the test short.
        await ConfirmationMailsAsync(mails => mails.RunDueAsync(CancellationToken.None));
        await AllSentAsync(fair.Event.Id, 4);
        await ConfirmationMailsAsync(mails => mails.QueueForEventAsync(fair.Event.Id, CancellationToken.None));

        var toAnna = await Eventually.Async(() => Task.FromResult(app.Sink.To($"anna.mueller.{tag}")), m => m.Count >= 2, "the reissue mail");
        Assert.Equal(2, toAnna.Count);
        Assert.Equal(4, app.Sink.To(tag).Count);
        var reissued = Decode(toAnna[1].Message().BodyParts.OfType<MimePart>().First(p => p.ContentType.MimeType == "image/png"), $"{fair.Event.Id}-anna-v2");
        Assert.True(BadgeToken.TryParse(reissued, out var token));
        Assert.Equal(2, token.Claims.BadgeVersion);
        Assert.Equal([1, 2], (await RowsAsync(fair.Event.Id)).Where(r => r.AttendeeId == anna.Id).Select(r => r.BadgeVersion).Order());
    }

    [Fact]
    public async Task A_busy_mailbox_is_tried_again_and_the_mail_arrives_once()
    {
        var (fair, tag) = await OpenAsync(refuse: "j.gross", reply: "451 4.2.1 Mailbox busy, try again later");
        var rows = await AllSentAsync(fair.Event.Id, 3);
        var juergen = await fair.AttendeeAsync("A-2");
        var row = rows.Single(r => r.AttendeeId == juergen.Id);
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Single(app.Sink.To($"j.gross.{tag}"));
        Assert.Equal(3, app.Sink.To(tag).Count);
    }

    [Fact]
    public async Task A_mail_sent_again_after_a_crash_carries_the_same_message_id_so_a_mailbox_shows_it_once()
    {
        var (fair, tag) = await OpenAsync();
        var rows = await AllSentAsync(fair.Event.Id, 3);
        var anna = await fair.AttendeeAsync("A-1");
        var row = rows.Single(r => r.AttendeeId == anna.Id);
        // A crash between the SMTP server accepting the mail and the row being marked sent leaves it waiting, lease run out.
        await app.WithDbAsync(db => db.ConfirmationMails.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, ConfirmationMailStatus.Waiting).SetProperty(m => m.SentAt, (DateTimeOffset?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)));

        await ConfirmationMailsAsync(mails => mails.SendAsync(row.Id, CancellationToken.None));
        var copies = await Eventually.Async(() => Task.FromResult(app.Sink.To($"anna.mueller.{tag}")), c => c.Count == 2, "the mail sent a second time");
        Assert.Equal(row.MessageId, copies[0].Message().MessageId);
        Assert.Equal(row.MessageId, copies[1].Message().MessageId);
        Assert.Equal(ConfirmationMailStatus.Sent, (await RowsAsync(fair.Event.Id)).Single(r => r.Id == row.Id).Status);
    }

    [Fact]
    public async Task A_rejected_recipient_fails_at_once_and_an_organizer_can_send_it_again()
    {
        var (fair, tag) = await OpenAsync(refuse: "zoe", reply: "550 5.1.1 User unknown");
        var zoe = await fair.AttendeeAsync("A-4");
        var rows = await Eventually.Async(() => RowsAsync(fair.Event.Id),
            r => r.Count == 3 && r.Count(m => m.Status == ConfirmationMailStatus.Sent) == 2 && r.Any(m => m.Status == ConfirmationMailStatus.Failed), "two sent, one failed");
        var failed = rows.Single(r => r.Status == ConfirmationMailStatus.Failed);
        Assert.Equal(zoe.Id, failed.AttendeeId);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("smtp-550", failed.LastError);

        // Not tried again: a direct send of a failed mail does nothing.
        await ConfirmationMailsAsync(mails => mails.SendAsync(failed.Id, CancellationToken.None));
        Assert.Empty(app.Sink.To($"zoe.{tag}"));
        var status = await fair.Organizer.GetFromJsonAsync<MailStatusView>($"/api/events/{fair.Event.Id}/mails", Json.Options);
        Assert.Equal((true, 0, 2, 1), (status!.Enabled, status.Waiting, status.Sent, status.Failed));
        Assert.Equal([zoe.Id], status.FailedAttendeeIds);

        var retry = await fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/mails/retry", null);
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<MailRetryResult>(Json.Options))!.Requeued);
        await AllSentAsync(fair.Event.Id, 3);
        Assert.Single(app.Sink.To($"zoe.{tag}"));
        status = await fair.Organizer.GetFromJsonAsync<MailStatusView>($"/api/events/{fair.Event.Id}/mails", Json.Options);
        Assert.Equal((0, 3, 0), (status!.Waiting, status.Sent, status.Failed));
        Assert.Empty(status.FailedAttendeeIds);
    }

    [Fact]
    public async Task A_walk_in_who_gave_an_address_gets_a_mail_from_the_minutely_pass()
    {
        app.RequireEngine();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer, EventName, walkIns: true);
        var (terminal, _) = await app.EnrolTerminalAsync(organizer, evt.Id);
        var grants = await (await terminal.PostAsync("/api/terminal/walkin-badges?count=2", null)).Content.ReadFromJsonAsync<Kiosk.Shared.Contracts.WalkInBadgeGrant[]>(Json.Options);
        foreach (var (grant, email) in grants!.Zip(new[] { $"walkin.{tag}@essen.example", null }))
        {
            var walkIn = new Kiosk.Shared.Contracts.WalkInRegistration(Guid.NewGuid(), grant.BadgeId, null, "Grete", "Weißmüller", "Stadt Bochum", email, true, DateTimeOffset.UtcNow);
            (await terminal.PostAsJsonAsync("/api/terminal/walkins", walkIn, Json.Options)).EnsureSuccessStatusCode();
        }

        await ConfirmationMailsAsync(mails => mails.RunDueAsync(CancellationToken.None));
        await AllSentAsync(evt.Id, 1);
        var mail = Assert.Single(app.Sink.To($"walkin.{tag}")).Message();
        Assert.Equal("Grete Weißmüller", mail.To.Mailboxes.Single().Name);
        var token = Decode(mail.BodyParts.OfType<MimePart>().First(p => p.ContentType.MimeType == "image/png"), $"{evt.Id}-walkin");
        Assert.True(BadgeToken.TryParse(token, out var parsed));
        Assert.Equal(grants![0].BadgeId, parsed.Claims.BadgeId);
    }

    [Fact]
    public async Task Mail_status_is_for_organizers_only()
    {
        var (fair, _) = await OpenAsync();
        using var staff = await app.UserAsync(fair.Organizer, "Staff");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/events/{fair.Event.Id}/mails")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/events/{fair.Event.Id}/mails/retry", null)).StatusCode);
    }

    private static Multipart? FindAlternative(Multipart part) =>
        part.ContentType.MimeType == "multipart/alternative" ? part : part.OfType<Multipart>().Select(FindAlternative).FirstOrDefault(p => p is not null);

    /// <summary>What a phone camera would read: the PNG decoded by zbarimg.</summary>
    internal static string Decode(MimePart png, string name)
    {
        var path = Path.Combine(Pictures, $"{name}.png");
        using (var file = File.Create(path)) png.Content!.DecodeTo(file);
        using var zbar = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", path]) { RedirectStandardOutput = true })!;
        var text = zbar.StandardOutput.ReadToEnd().Trim();
        zbar.WaitForExit();
        Assert.Equal(0, zbar.ExitCode);
        return text;
    }
}
