using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Desk;

/// <summary>A flagged scan of either log, as its review needs it.</summary>
public sealed record FlaggedScan(long Id, int EventId, int? AttendeeId, int? TerminalId);

/// <summary>What differs between reviewing a door scan and a check-in: the words, the audit action, the link.</summary>
public sealed record ReviewedLog(string What, string Action, Action<ConflictReview, long> Link)
{
    public static readonly ReviewedLog PresenceScans = new("presence scan", "presence.conflict-reviewed", (r, id) => r.PresenceScanId = id);
    public static readonly ReviewedLog CheckIns = new("check-in", "checkin.conflict-reviewed", (r, id) => r.CheckInRecordId = id);
}

/// <summary>
/// Staff looked at a flagged scan: a presence scan (a late upload that broke a door rule) or a check-in
/// (a badge printed twice by kiosks that were offline). Kept apart from the logs, which are append-only;
/// one review per scan (unique indexes). Exactly one of the two scan ids is set.
/// </summary>
public sealed class ConflictReview
{
    public long Id { get; set; }
    public long? PresenceScanId { get; set; }
    public long? CheckInRecordId { get; set; }
    public int EventId { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    public required string ReviewedBy { get; set; }
    public required string Note { get; set; }

    /// <summary>
    /// The one way a flagged scan is reviewed, from either log: the note checked, the scan found among the flagged
    /// ones, the review and its audit entry stored once. A second review, also one a moment earlier, gets 409.
    /// </summary>
    public static async Task<Results<Ok<ConflictReviewView>, ProblemHttpResult>> ReviewAsync(
        IQueryable<FlaggedScan> flagged, ReviewedLog log, ReviewRequest request, KioskDb db, AuditLog audit, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (DeskRules.CheckReason(request.Note, "review-note") is { } bad) return Problems.Invalid(bad.Slug, bad.Detail);
        var scan = await flagged.FirstOrDefaultAsync(ct);
        if (scan is null) return Problems.NotFound($"Flagged {log.What}");
        var review = new ConflictReview { EventId = scan.EventId, ReviewedAt = time.GetUtcNow(), ReviewedBy = http.User.Actor(), Note = request.Note!.Trim() };
        log.Link(review, scan.Id);
        var already = Problems.Conflict("conflict-reviewed", $"This {log.What} has already been reviewed.");
        if (await db.ConflictReviews.AnyAsync(r => (review.PresenceScanId != null && r.PresenceScanId == review.PresenceScanId)
                || (review.CheckInRecordId != null && r.CheckInRecordId == review.CheckInRecordId), ct))
            return already;
        db.Add(review);
        audit.Add(review.ReviewedBy, log.Action, review.EventId, scan.AttendeeId, scan.TerminalId, $"{log.What} {scan.Id}; note: {review.Note}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two reviews at the same moment: the unique index lets one in.
            db.ChangeTracker.Clear();
            return already;
        }
        return TypedResults.Ok(new ConflictReviewView(review.ReviewedAt, review.ReviewedBy, review.Note));
    }
}

internal sealed class ConflictReviewConfiguration : IEntityTypeConfiguration<ConflictReview>
{
    public void Configure(EntityTypeBuilder<ConflictReview> e)
    {
        e.ToTable("ConflictReviews");
        e.Property(x => x.ReviewedBy).HasMaxLength(120);
        e.Property(x => x.Note).HasMaxLength(DeskRules.ReasonLength);
        e.HasIndex(x => x.PresenceScanId).IsUnique();
        e.HasIndex(x => x.CheckInRecordId).IsUnique();
        e.HasIndex(x => x.EventId);
    }
}
