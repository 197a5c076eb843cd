using Kiosk.Server.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Attendees.Import;

public enum ImportRunStatus
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>
/// A registration file imported in the background. The uploaded file waits in the data folder until the
/// run finishes and is then deleted; a run cut off by a restart starts again from it (importing the same
/// rows again finds them unchanged).
/// </summary>
public sealed class ImportRun
{
    public Guid Id { get; set; }
    public int EventId { get; set; }
    public bool DryRun { get; set; }
    public ImportRunStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int RejectedCount { get; set; }

    /// <summary>JSON array of <see cref="RejectedRow"/>: line numbers and reasons, which name no one.</summary>
    public string? RejectedJson { get; set; }

    /// <summary>Why the run failed as a whole (the file unreadable), in the same words the synchronous import uses.</summary>
    public string? Error { get; set; }

    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The worker importing it holds it until then and extends it as it goes; after a crash it runs out.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.RequestedBy).HasMaxLength(100);
        e.Property(x => x.Error).HasMaxLength(500);
        e.HasIndex(x => x.Status);
        e.HasIndex(x => new { x.EventId, x.RequestedAt });
        e.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
