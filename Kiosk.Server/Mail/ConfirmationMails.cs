using Hangfire;
using Kiosk.Server.Attendees;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Mail;

/// <summary>
/// The confirmation mail jobs. Queueing looks for attendees whose current badge version has no mail yet
/// (so a reissue leads to a new mail without anyone calling this), sending claims one row at a time.
/// Both are safe to run twice and at once on several workers.
/// </summary>
public sealed class ConfirmationMails(
    KioskDb db, BadgeKeys keys, Registrations.RegistrationLinks links, IOptions<MailOptions> options, IBackgroundJobClient jobs, TimeProvider time, ILogger<ConfirmationMails> logger)
{
    /// <summary>How long a worker holds a claimed mail: longer than any SMTP conversation should take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Hangfire keeps schedules in whole seconds and may start a job up to a second early, when the row is not yet due.</summary>
    internal static readonly TimeSpan ScheduleSlack = TimeSpan.FromSeconds(1);

    private MailOptions Options => options.Value;

    /// <summary>Every minute: new mails for events not yet over, and retries that are due.</summary>
    public async Task RunDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var events = await db.Events.AsNoTracking().Where(e => e.EndsAt > now).Select(e => e.Id).ToListAsync(ct);
        foreach (var eventId in events) await QueueForEventAsync(eventId, ct);
    }

    /// <summary>Creates the missing mail rows of the event and enqueues the sending of those due.</summary>
    public async Task QueueForEventAsync(int eventId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var missing = await db.Attendees.AsNoTracking()
            .Where(a => a.EventId == eventId && a.Status == AttendeeStatus.Registered && a.Email != null && a.Badge != null)
            .Where(a => !db.ConfirmationMails.Any(m => m.AttendeeId == a.Id && m.BadgeVersion == a.Badge!.Version))
            .Select(a => new { a.Id, a.Badge!.Version })
            .ToListAsync(ct);
        foreach (var chunk in missing.Chunk(500))
        {
            var rows = chunk.Select(a => new ConfirmationMail
            {
                EventId = eventId, AttendeeId = a.Id, BadgeVersion = a.Version, Status = ConfirmationMailStatus.Waiting,
                NextAttemptAt = now, CreatedAt = now,
            }).ToList();
            await InsertAsync(rows, ct);
        }

        if (!Options.Enabled) return;
        var due = await db.ConfirmationMails.AsNoTracking()
            .Where(m => m.EventId == eventId && m.Status == ConfirmationMailStatus.Waiting && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(Options.BatchSize).ToListAsync(ct);
        foreach (var id in due) jobs.Enqueue<ConfirmationMails>(j => j.SendAsync(id, CancellationToken.None));
    }

    /// <summary>Inserts the rows; when another worker inserted some of them first, the rest one by one.</summary>
    private async Task InsertAsync(List<ConfirmationMail> rows, CancellationToken ct)
    {
        try
        {
            db.ConfirmationMails.AddRange(rows);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            foreach (var row in rows)
            {
                row.Id = 0;
                db.ConfirmationMails.Add(row);
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateException one) when (one.IsUniqueViolation()) { }
                db.ChangeTracker.Clear();
            }
        }
        finally { db.ChangeTracker.Clear(); }
    }

    /// <summary>Sends one mail, if it is still waiting, due, and not claimed by another worker.</summary>
    public async Task SendAsync(long mailId, CancellationToken ct)
    {
        if (!Options.Enabled) return;
        var now = time.GetUtcNow();
        // The Message-ID is fixed at the first claim and used by every attempt: should the mail go out twice
        // (see below), mailboxes that fold identical Message-IDs show it once.
        var messageId = MimeKit.Utils.MimeUtils.GenerateMessageId(ConfirmationLetter.Domain(Options));
        var claimed = await db.ConfirmationMails
            .Where(m => m.Id == mailId && m.Status == ConfirmationMailStatus.Waiting && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, now + Lease).SetProperty(m => m.MessageId, m => m.MessageId ?? messageId), ct);
        if (claimed == 0) return;

        var mail = await db.ConfirmationMails.AsNoTracking().SingleAsync(m => m.Id == mailId, ct);
        var attendee = await db.Attendees.AsNoTracking().Include(a => a.Badge).Include(a => a.Event)
            .SingleOrDefaultAsync(a => a.Id == mail.AttendeeId, ct);
        if (attendee?.Badge is null || attendee.Event is null || attendee.Email is null || attendee.Status != AttendeeStatus.Registered
            || attendee.Badge.Version != mail.BadgeVersion)
        {
            // Reissued, cancelled or address removed since queued: this mail would carry a revoked or unwanted badge.
            // The queue makes a row for the current version if one is still wanted.
            await db.ConfirmationMails.Where(m => m.Id == mailId).ExecuteDeleteAsync(ct);
            return;
        }

        var token = await keys.SignAsync(attendee.Event, attendee.Badge, attendee.Category, ct);
        var message = ConfirmationLetter.Write(attendee.Event, attendee.DisplayName, attendee.Email, BadgeQr.Png(token), Options, mail.MessageId!,
            links.MyRegistrationUrl(attendee.Event, attendee.Id));
        try
        {
            await SmtpDelivery.SendAsync(message, Options, ct);
        }
        catch (Exception e) when (SmtpDelivery.Failure(e) is { } failure)
        {
            await RecordFailureAsync(mail, failure.Code, failure.Permanent, ct);
            return;
        }
        // At-least-once: a crash between the server accepting the message and this update leaves the row
        // Waiting, and its lease runs out, so the mail is sent again. Marking it right after the send keeps that
        // window to one database round trip; closing it would need the SMTP server to take part in our transaction.
        var sentAt = time.GetUtcNow();
        await db.ConfirmationMails.Where(m => m.Id == mailId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, ConfirmationMailStatus.Sent).SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        logger.LogInformation("Confirmation mail {MailId} for attendee {AttendeeId} (badge version {Version}) sent", mailId, mail.AttendeeId, mail.BadgeVersion);
    }

    private async Task RecordFailureAsync(ConfirmationMail mail, string code, bool permanent, CancellationToken ct)
    {
        var attempts = mail.Attempts + 1;
        var (status, next) = MailRetry.AfterFailure(attempts, permanent, Options, time.GetUtcNow());
        await db.ConfirmationMails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, code).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        logger.LogWarning("Confirmation mail {MailId} attempt {Attempt} failed ({Code}); now {Status}", mail.Id, attempts, code, status);
        if (status == ConfirmationMailStatus.Waiting)
            jobs.Schedule<ConfirmationMails>(j => j.SendAsync(mail.Id, CancellationToken.None), next + ScheduleSlack);
    }
}
