using Kiosk.Server.Audit;
using Kiosk.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Desk;

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

    /// <summary>Stores the review and its audit entry; false when the scan was reviewed already (also by someone a moment earlier).</summary>
    public static async Task<bool> SaveAsync(KioskDb db, AuditLog audit, ConflictReview review, string action, int? attendeeId, int? terminalId, string scan, CancellationToken ct)
    {
        if (await db.ConflictReviews.AnyAsync(r => (review.PresenceScanId != null && r.PresenceScanId == review.PresenceScanId)
                || (review.CheckInRecordId != null && r.CheckInRecordId == review.CheckInRecordId), ct))
            return false;
        db.Add(review);
        audit.Add(review.ReviewedBy, action, review.EventId, attendeeId, terminalId, $"{scan}; note: {review.Note}");
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two reviews at the same moment: the unique index lets one in.
            db.ChangeTracker.Clear();
            return false;
        }
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
