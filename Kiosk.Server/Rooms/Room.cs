using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Rooms;

public enum RoomKind
{
    Hall = 0,
    Stage = 1,
    MasterClassRoom = 2,
    DialogueIsland = 3,
}

/// <summary>A place at the venue with a capacity: a master class room, a dialogue island, a stage, a hall.</summary>
public sealed class Room
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    public RoomKind Kind { get; set; }
    public int Capacity { get; set; }

    /// <summary>
    /// People inside now: the presence log summed up, kept in step with it in the same transaction as each
    /// log entry by guarded updates (never below 0; above capacity only by scans uploaded after an outage).
    /// </summary>
    public int Inside { get; set; }

    /// <summary>Grows with every change of <see cref="Inside"/>: dashboards spot missed messages by gaps.</summary>
    public long OccupancySeq { get; set; }

    /// <summary>The last end of day (see <see cref="EndOfDay"/>) at which everyone still inside was checked out.</summary>
    public DateTimeOffset? ClosedThrough { get; set; }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => x.EventId);
    }
}
