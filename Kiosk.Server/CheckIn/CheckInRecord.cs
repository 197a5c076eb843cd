using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.CheckIn;

/// <summary>
/// One scan at the entrance that reached an attendee, stored once per client scan id (unique index):
/// retries and replays after an outage find this row and get the same answer.
/// </summary>
public sealed class CheckInRecord
{
    public long Id { get; set; }
    public Guid ClientScanId { get; set; }
    public int EventId { get; set; }
    public int AttendeeId { get; set; }
    public CheckInOutcome Outcome { get; set; }

    /// <summary>The device's clock at the scan (may be off, or hours old after an outage).</summary>
    public DateTimeOffset ScannedAt { get; set; }

    /// <summary>The server's clock when the scan arrived.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Set when this scan needs a person to look at it: <see cref="ScanConflict.PrintedTwice"/>, two kiosks admitted the badge while offline.</summary>
    public ScanConflict? Conflict { get; set; }

    public int? TerminalId { get; set; }
    public int? StaffUserId { get; set; }
}

internal sealed class CheckInRecordConfiguration : IEntityTypeConfiguration<CheckInRecord>
{
    public void Configure(EntityTypeBuilder<CheckInRecord> e)
    {
        e.ToTable("CheckIns");
        e.HasIndex(x => x.ClientScanId).IsUnique();
        e.HasIndex(x => new { x.EventId, x.AttendeeId });
        e.Property(x => x.Conflict).HasMaxLength(100).HasConversion(Data.ScanConflictColumn.Converter);
    }
}
