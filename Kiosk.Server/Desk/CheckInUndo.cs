using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Desk;

/// <summary>
/// Staff took back an attendee's check-in (a wrong person was checked in). The scans in the check-in log
/// stay as they were; this row says which arrival was cleared, so the history shows both.
/// </summary>
public sealed class CheckInUndo
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public int AttendeeId { get; set; }

    /// <summary>The arrival time that was cleared.</summary>
    public DateTimeOffset CheckedInAt { get; set; }

    public DateTimeOffset UndoneAt { get; set; }
    public required string UndoneBy { get; set; }
    public required string Reason { get; set; }
}

internal sealed class CheckInUndoConfiguration : IEntityTypeConfiguration<CheckInUndo>
{
    public void Configure(EntityTypeBuilder<CheckInUndo> e)
    {
        e.ToTable("CheckInUndos");
        e.Property(x => x.UndoneBy).HasMaxLength(120);
        e.Property(x => x.Reason).HasMaxLength(DeskRules.ReasonLength);
        e.HasIndex(x => x.AttendeeId);
    }
}
