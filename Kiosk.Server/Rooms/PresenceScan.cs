using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Rooms;

/// <summary>
/// One entry in the append-only presence log: a scan at a room door (or an anonymous counter click), its
/// decision, and whether it changed the room's count. Rows are never updated or deleted.
/// </summary>
public sealed class PresenceScan
{
    public long Id { get; set; }

    /// <summary>Null for log entries the server adds itself (leaving room A by entering room B).</summary>
    public Guid? ClientScanId { get; set; }

    public int EventId { get; set; }
    public int RoomId { get; set; }
    public int? AttendeeId { get; set; }
    public PresenceDirection Direction { get; set; }
    public PresenceDecision Decision { get; set; }

    /// <summary>True when this entry moved the room's count (+1 in, −1 out).</summary>
    public bool Counted { get; set; }

    /// <summary>The rules a late upload broke (<see cref="ScanConflict.OverCapacity"/>, …); null when it broke none.</summary>
    public ScanConflict? Conflict { get; set; }

    public DateTimeOffset ScannedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int? TerminalId { get; set; }
    public int? StaffUserId { get; set; }
}

internal sealed class PresenceScanConfiguration : IEntityTypeConfiguration<PresenceScan>
{
    public void Configure(EntityTypeBuilder<PresenceScan> e)
    {
        e.ToTable("PresenceLog");
        e.HasIndex(x => x.ClientScanId).IsUnique();
        e.HasIndex(x => new { x.AttendeeId, x.Id });
        e.HasIndex(x => new { x.RoomId, x.Id });
        e.Property(x => x.Conflict).HasMaxLength(100).HasConversion(Data.ScanConflictColumn.Converter);
    }
}
