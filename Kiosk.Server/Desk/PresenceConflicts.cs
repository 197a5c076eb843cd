using Kiosk.Server.ApiDocs;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

public sealed record ConflictReviewView(DateTimeOffset ReviewedAt, string ReviewedBy, string Note);
public sealed record PresenceConflict(
    long ScanId, int RoomId, string RoomName, int? AttendeeId, string? AttendeeName, PresenceDirection Direction,
    ScanConflict Conflict, DateTimeOffset ScannedAt, DateTimeOffset ReceivedAt, int? TerminalId, ConflictReviewView? Review);
public sealed record ReviewRequest(string? Note);

/// <summary>
/// Door scans uploaded late that broke a rule (over capacity, not checked in, not booked). They were
/// counted, because the person was in the room; staff look at each and note what they found.
/// </summary>
public static class PresenceConflicts
{
    public const int Limit = 500;

    public static void MapPresenceConflictEndpoints(this IEndpointRouteBuilder app)
    {
        var desk = app.MapFeature("", "Help desk").RequireAuthorization(Policies.Staff);

        desk.MapGet("/api/events/{eventId:int}/presence/conflicts", async (int eventId, KioskDb db, CancellationToken ct) =>
        {
            var rows = await (
                    from p in db.PresenceLog.AsNoTracking()
                    join r in db.Rooms.AsNoTracking() on p.RoomId equals r.Id
                    join a in db.Attendees.AsNoTracking() on p.AttendeeId equals a.Id into people
                    from a in people.DefaultIfEmpty()
                    join v in db.ConflictReviews.AsNoTracking() on (long?)p.Id equals v.PresenceScanId into reviews
                    from v in reviews.DefaultIfEmpty()
                    where p.EventId == eventId && p.Conflict != null
                    orderby p.Id descending
                    select new { p, RoomName = r.Name, a, v })
                .Take(Limit).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(x => new PresenceConflict(
                x.p.Id, x.p.RoomId, x.RoomName, x.p.AttendeeId, x.a?.DisplayName, x.p.Direction, x.p.Conflict!, x.p.ScannedAt, x.p.ReceivedAt,
                x.p.TerminalId, x.v is null ? null : new ConflictReviewView(x.v.ReviewedAt, x.v.ReviewedBy, x.v.Note))).ToList());
        }).WithName("ListDoorScanConflicts").WithSummary("Late door scans that broke a room's rule, newest first")
            .WithDescription("Uploaded late and over capacity, not checked in or not booked; counted, because the person was in the room. Each with room, attendee and its review, at most 500.");

        desk.MapPost("/api/presence/conflicts/{scanId:long}/resolve", (
            long scanId, ReviewRequest request, KioskDb db, AuditLog audit, TimeProvider time, HttpContext http, CancellationToken ct) =>
            ConflictReview.ReviewAsync(
                db.PresenceLog.AsNoTracking().Where(p => p.Id == scanId && p.Conflict != null).Select(p => new FlaggedScan(p.Id, p.EventId, p.AttendeeId, p.TerminalId)),
                ReviewedLog.PresenceScans, request, db, audit, time, http, ct))
            .WithName("ReviewDoorScanConflict").WithSummary("Mark a flagged door scan reviewed, with a note")
            .WithDescription("`{note}`: once per scan; audited. The presence log itself is never changed.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/review-note`: no note, or too long.")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, "`/problems/conflict-reviewed`: reviewed already (also a moment earlier, by someone else).");
    }
}
