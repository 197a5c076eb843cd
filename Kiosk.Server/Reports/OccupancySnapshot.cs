using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Reports;

/// <summary>
/// How many people were in a room at the start of a minute (UTC), as the room's count said then. One row
/// per room and minute: a record of what the dashboard showed, kept after the event; reports are computed
/// from the presence log, which late uploads can still correct.
/// </summary>
public sealed class OccupancySnapshot
{
    public long Id { get; set; }
    public int RoomId { get; set; }
    public int EventId { get; set; }

    /// <summary>UTC, truncated to the minute.</summary>
    public DateTimeOffset Minute { get; set; }

    public int Inside { get; set; }
    public int Capacity { get; set; }
}

internal sealed class OccupancySnapshotConfiguration : IEntityTypeConfiguration<OccupancySnapshot>
{
    public void Configure(EntityTypeBuilder<OccupancySnapshot> e)
    {
        e.ToTable("OccupancySnapshots");
        // Two runs in the same minute (a retry, a second server instance) store one row: the second hits this index.
        e.HasIndex(x => new { x.RoomId, x.Minute }).IsUnique();
        e.HasIndex(x => new { x.EventId, x.Minute });
    }
}
