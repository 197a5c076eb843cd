using Hangfire;
using Kiosk.Server.Attendees;
using Kiosk.Server.Data;
using Kiosk.Server.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Registrations;

/// <summary>
/// Sends the registration mails that are due: each row is claimed with a lease (so two workers never send one twice at
/// once, and a crashed worker's claim runs out), written when it is sent, and retried as confirmation mails are.
/// Runs after every submission and every minute; safe to run twice and at once.
/// </summary>
public sealed class RegistrationMails(
    KioskDb db, Rooms.SessionSeats seats, RegistrationLinks links, IOptions<MailOptions> mail, IOptions<RegistrationOptions> registration, TimeProvider time, ILogger<RegistrationMails> log)
{
    /// <summary>
    /// Sends the queued mails now rather than at the next minute. The mails are rows already; when the job store cannot
    /// take the job at this moment, the minute job sends them, so the committed change is never answered with an error.
    /// </summary>
    public static void EnqueueNow(IBackgroundJobClient jobs, ILogger log)
    {
        try
        {
            jobs.Enqueue<RegistrationMails>(m => m.SendDueAsync(CancellationToken.None));
        }
        catch (BackgroundJobClientException e)
        {
            log.LogWarning(e, "Registration mails not enqueued now; the minute job sends them");
        }
    }

    public async Task SendDueAsync(CancellationToken ct)
    {
        if (!mail.Value.Enabled) return;
        var now = time.GetUtcNow();
        var due = await db.RegistrationMails.AsNoTracking()
            .Where(m => m.Status == ConfirmationMailStatus.Waiting && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(mail.Value.BatchSize).ToListAsync(ct);
        foreach (var id in due) await SendAsync(id, ct);
    }

    private async Task SendAsync(long mailId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var messageId = MimeKit.Utils.MimeUtils.GenerateMessageId(ConfirmationLetter.Domain(mail.Value));
        var claimed = await db.RegistrationMails
            .Where(m => m.Id == mailId && m.Status == ConfirmationMailStatus.Waiting && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, now + ConfirmationMails.Lease).SetProperty(m => m.MessageId, m => m.MessageId ?? messageId), ct);
        if (claimed == 0) return;
        var row = await db.RegistrationMails.AsNoTracking().SingleAsync(m => m.Id == mailId, ct);
        var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Id == row.EventId, ct);
        var to = await RecipientAsync(row, ct);
        if (to is null)
        {
            // Deleted, erased or confirmed since it was queued: nobody to write to, or the link would no longer do anything.
            await db.RegistrationMails.Where(m => m.Id == mailId).ExecuteDeleteAsync(ct);
            return;
        }
        var offer = row.Kind == RegistrationMailKind.SeatOffered ? await seats.OfferAsync(row.SessionId!.Value, row.AttendeeId!.Value, ct) : null;
        if (row.Kind == RegistrationMailKind.SeatOffered && offer is null)
        {
            // Taken, declined or run out since it was queued: the link would no longer do anything.
            await db.RegistrationMails.Where(m => m.Id == mailId).ExecuteDeleteAsync(ct);
            return;
        }
        var link = row.Kind switch
        {
            RegistrationMailKind.ConfirmLink => links.ConfirmUrl(row.EventId, row.RegistrationId!.Value),
            RegistrationMailKind.SeatOffered => links.SeatOfferUrl(row.EventId, row.SessionId!.Value, row.AttendeeId!.Value, offer!.ExpiresAt),
            _ => null,
        };
        if (row.Kind == RegistrationMailKind.MyLink) link = links.MyRegistrationUrl(evt, to.Value.AttendeeId!.Value);
        // Every mail to someone with a badge carries their own page.
        var mine = row.Kind != RegistrationMailKind.MyLink && to.Value.AttendeeId is { } attendee ? links.MyRegistrationUrl(evt, attendee) : null;
        var message = RegistrationLetter.Write(row.Kind, evt, to.Value.Name, to.Value.Address, row.Language, link, registration.Value.ConfirmHours, mail.Value, row.MessageId!, offer, mine);
        try
        {
            await SmtpDelivery.SendAsync(message, mail.Value, ct);
        }
        catch (Exception e) when (SmtpDelivery.Failure(e) is { } failure)
        {
            var attempts = row.Attempts + 1;
            var (status, next) = MailRetry.AfterFailure(attempts, failure.Permanent, mail.Value, time.GetUtcNow());
            await db.RegistrationMails.Where(m => m.Id == mailId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, failure.Code).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
            log.LogWarning("Registration mail {MailId} ({Kind}) attempt {Attempt} failed ({Code}); now {Status}", mailId, row.Kind, attempts, failure.Code, status);
            return;
        }
        var sentAt = time.GetUtcNow();
        await db.RegistrationMails.Where(m => m.Id == mailId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, ConfirmationMailStatus.Sent).SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        log.LogInformation("Registration mail {MailId} ({Kind}) for event {EventId} sent", mailId, row.Kind, row.EventId);
    }

    private async Task<(string Name, string Address, int? AttendeeId)?> RecipientAsync(RegistrationMail row, CancellationToken ct)
    {
        if (row.RegistrationId is { } registrationId)
        {
            var r = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == registrationId, ct);
            if (r is null || (row.Kind == RegistrationMailKind.ConfirmLink && r.State != RegistrationState.Pending)
                || (row.Kind == RegistrationMailKind.Refused && r.State != RegistrationState.Refused)) return null;
            var admitted = r.State == RegistrationState.Confirmed ? r.AttendeeId : null;
            return (Kiosk.Shared.Text.PersonNameRules.DisplayName(r.Title, r.FirstName, r.LastName), r.Email, admitted);
        }
        var a = await db.Attendees.AsNoTracking().FirstOrDefaultAsync(x => x.Id == row.AttendeeId && x.AnonymisedAt == null && x.Status == AttendeeStatus.Registered, ct);
        return a?.Email is null ? null : (a.DisplayName, a.Email, a.Id);
    }
}
