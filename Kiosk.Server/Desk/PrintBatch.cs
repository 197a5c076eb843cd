using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Desk;

/// <summary>
/// Badges printed before the doors open: a selection of attendees sent to one kiosk or print station. Each badge
/// is a reprint order of the batch (<see cref="Reprint.BatchId"/>), so the kiosk takes, prints and confirms it
/// exactly as a staff reprint: once, in order, and only while its printer says ready.
/// </summary>
public sealed class PrintBatch
{
    public Guid Id { get; set; }
    public int EventId { get; set; }
    public int TerminalId { get; set; }

    /// <summary>What was chosen, in the venue's words: "category Speaker", "session 4", "list".</summary>
    public required string Selection { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
}

internal sealed class PrintBatchConfiguration : IEntityTypeConfiguration<PrintBatch>
{
    public void Configure(EntityTypeBuilder<PrintBatch> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Selection).HasMaxLength(100);
        e.Property(x => x.RequestedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.EventId, x.RequestedAt });
    }
}
