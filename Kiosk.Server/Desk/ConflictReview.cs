using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Desk;

/// <summary>
/// Staff looked at a flagged presence scan (a late upload that broke a door rule). Kept apart from the
/// presence log, which is append-only; one review per scan (unique index).
/// </summary>
public sealed class ConflictReview
{
    public long Id { get; set; }
    public long PresenceScanId { get; set; }
    public int EventId { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    public required string ReviewedBy { get; set; }
    public required string Note { get; set; }
}

internal sealed class ConflictReviewConfiguration : IEntityTypeConfiguration<ConflictReview>
{
    public void Configure(EntityTypeBuilder<ConflictReview> e)
    {
        e.ToTable("ConflictReviews");
        e.Property(x => x.ReviewedBy).HasMaxLength(120);
        e.Property(x => x.Note).HasMaxLength(DeskRules.ReasonLength);
        e.HasIndex(x => x.PresenceScanId).IsUnique();
        e.HasIndex(x => x.EventId);
    }
}
