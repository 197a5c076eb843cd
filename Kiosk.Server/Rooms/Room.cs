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
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => x.EventId);
    }
}
