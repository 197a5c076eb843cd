using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

public sealed record CheckInConflict(
    long CheckInId, int AttendeeId, string AttendeeName, string Conflict, DateTimeOffset ScannedAt, DateTimeOffset ReceivedAt,
    int? TerminalId, string? TerminalName, ConflictReviewView? Review);

/// <summary>
/// Check-ins that need a person to look at them: "printed twice" — two kiosks cut off from the server both
/// admitted the same badge and both printed it, so a second badge of that person is about. Staff find out
/// why (lost badge? shared badge?) and note it; the dashboard then stops counting it.
/// </summary>
public static class CheckInConflicts
{
    public static void MapCheckInConflictEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events/{eventId:int}/checkins/conflicts", async (int eventId, KioskDb db, CancellationToken ct) =>
        {
            var rows = await (
                    from c in db.CheckIns.AsNoTracking()
                    join a in db.Attendees.AsNoTracking() on c.AttendeeId equals a.Id
                    join t in db.Terminals.AsNoTracking() on c.TerminalId equals t.Id into kiosks
                    from t in kiosks.DefaultIfEmpty()
                    join v in db.ConflictReviews.AsNoTracking() on (long?)c.Id equals v.CheckInRecordId into reviews
                    from v in reviews.DefaultIfEmpty()
                    where c.EventId == eventId && c.Conflict != null
                    orderby c.Id descending
                    select new { c, a, TerminalName = t == null ? null : t.Name, v })
                .Take(PresenceConflicts.Limit).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(x => new CheckInConflict(
                x.c.Id, x.c.AttendeeId, x.a.DisplayName, x.c.Conflict!, x.c.ScannedAt, x.c.ReceivedAt, x.c.TerminalId, x.TerminalName,
                x.v is null ? null : new ConflictReviewView(x.v.ReviewedAt, x.v.ReviewedBy, x.v.Note))).ToList());
        }).WithTags("Desk").RequireAuthorization(Policies.Staff);

        app.MapPost("/api/checkins/conflicts/{checkInId:long}/resolve", async Task<Results<Ok<ConflictReviewView>, ProblemHttpResult>> (
            long checkInId, ReviewRequest request, KioskDb db, AuditLog audit, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            if (DeskRules.CheckReason(request.Note, "review-note") is { } bad) return Problems.Invalid(bad.Slug, bad.Detail);
            var scan = await db.CheckIns.AsNoTracking().Where(c => c.Id == checkInId && c.Conflict != null)
                .Select(c => new { c.Id, c.EventId, c.AttendeeId, c.TerminalId }).FirstOrDefaultAsync(ct);
            if (scan is null) return Problems.NotFound("Flagged check-in");
            var review = new ConflictReview
            {
                CheckInRecordId = scan.Id, EventId = scan.EventId, ReviewedAt = time.GetUtcNow(), ReviewedBy = http.User.Actor(), Note = request.Note!.Trim(),
            };
            if (!await ConflictReview.SaveAsync(db, audit, review, "checkin.conflict-reviewed", scan.AttendeeId, scan.TerminalId, $"check-in {scan.Id}", ct))
                return Problems.Conflict("conflict-reviewed", "This check-in has already been reviewed.");
            return TypedResults.Ok(new ConflictReviewView(review.ReviewedAt, review.ReviewedBy, review.Note));
        }).WithTags("Desk").RequireAuthorization(Policies.Staff);
    }
}
