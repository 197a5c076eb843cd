using Hangfire;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Mail;

/// <param name="Enabled">False when no SMTP host is configured: mails wait and nothing is sent.</param>
public sealed record MailStatusView(bool Enabled, int Waiting, int Sent, int Failed, IReadOnlyList<int> FailedAttendeeIds);

public sealed record MailRetryResult(int Requeued);

public static class MailEndpoints
{
    public static void MapMailEndpoints(this IEndpointRouteBuilder app)
    {
        var mails = app.MapFeature("/api/events/{eventId:int}/mails", "Mail").RequireAuthorization(Policies.Organizer);

        mails.MapGet("/", async Task<Results<Ok<MailStatusView>, ProblemHttpResult>> (int eventId, KioskDb db, IOptions<MailOptions> options) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var counts = await db.ConfirmationMails.AsNoTracking().Where(m => m.EventId == eventId)
                .GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync();
            int Count(ConfirmationMailStatus s) => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0;
            var failed = await db.ConfirmationMails.AsNoTracking().Where(m => m.EventId == eventId && m.Status == ConfirmationMailStatus.Failed)
                .Select(m => m.AttendeeId).Distinct().OrderBy(id => id).ToListAsync();
            return TypedResults.Ok(new MailStatusView(options.Value.Enabled, Count(ConfirmationMailStatus.Waiting), Count(ConfirmationMailStatus.Sent),
                Count(ConfirmationMailStatus.Failed), failed));
        }).WithName("GetMailStatus").WithSummary("How the event's confirmation mails are going")
            .WithDescription("`{enabled, waiting, sent, failed, failedAttendeeIds}`; `enabled` is false when no SMTP host is configured (mails wait, nothing is sent).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        // Failed mails get a fresh set of attempts, e.g. after the organizer fixed an address or the SMTP settings.
        mails.MapPost("/retry", async Task<Results<Ok<MailRetryResult>, ProblemHttpResult>> (
            int eventId, KioskDb db, IBackgroundJobClient jobs, AuditLog audit, TimeProvider time, HttpContext http) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var now = time.GetUtcNow();
            var requeued = await db.ConfirmationMails.Where(m => m.EventId == eventId && m.Status == ConfirmationMailStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, ConfirmationMailStatus.Waiting).SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null));
            if (requeued > 0)
            {
                jobs.Enqueue<ConfirmationMails>(j => j.QueueForEventAsync(eventId, CancellationToken.None));
                await audit.WriteAsync(http.User.Actor(), "mails.retried", eventId, details: $"{requeued} failed mails queued again");
            }
            return TypedResults.Ok(new MailRetryResult(requeued));
        }).WithName("RetryFailedMails").WithSummary("Send failed confirmation mails again, with fresh attempts")
            .WithDescription("Failed mails go back to waiting (e.g. after an address or the SMTP settings were fixed) → `{requeued}`. Audited `mails.retried`.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }
}
