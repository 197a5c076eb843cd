using Kiosk.Server.ApiDocs;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

public sealed record CheckInConflict(
    long CheckInId, int AttendeeId, string AttendeeName, ScanConflict Conflict, DateTimeOffset ScannedAt, DateTimeOffset ReceivedAt,
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
        var desk = app.MapFeature("", "Help desk").RequireAuthorization(Policies.Staff);

        desk.MapGet("/api/events/{eventId:int}/checkins/conflicts", async (int eventId, KioskDb db, CancellationToken ct) =>
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
        }).WithName("ListCheckInConflicts").WithSummary("Check-ins flagged \"printed twice\", newest first")
            .WithDescription("Two kiosks cut off from the server both admitted the same badge and both printed it: each with attendee, kiosk and its review, at most 500.");

        desk.MapPost("/api/checkins/conflicts/{checkInId:long}/resolve", (
            long checkInId, ReviewRequest request, KioskDb db, AuditLog audit, TimeProvider time, HttpContext http, CancellationToken ct) =>
            ConflictReview.ReviewAsync(
                db.CheckIns.AsNoTracking().Where(c => c.Id == checkInId && c.Conflict != null).Select(c => new FlaggedScan(c.Id, c.EventId, c.AttendeeId, c.TerminalId)),
                ReviewedLog.CheckIns, request, db, audit, time, http, ct))
            .WithName("ReviewCheckInConflict").WithSummary("Mark a flagged check-in reviewed, with a note")
            .WithDescription("`{note}`: once per check-in; audited. Reviewed conflicts leave the dashboard's count.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/review-note`: no note, or too long.")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, "`/problems/conflict-reviewed`: reviewed already (also a moment earlier, by someone else).");
    }
}
