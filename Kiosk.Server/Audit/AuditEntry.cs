using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Audit;

/// <summary>
/// One act by a person or device, appended and never changed. Refers to people by id only, so it
/// survives the deletion of personal data after the retention period without leaking any.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public int? EventId { get; set; }
    public int? AttendeeId { get; set; }
    public int? TerminalId { get; set; }
    public string? Details { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditLog");
        e.Property(x => x.Actor).HasMaxLength(120);
        e.Property(x => x.Action).HasMaxLength(60);
        e.Property(x => x.Details).HasMaxLength(2000);
        e.HasIndex(x => new { x.EventId, x.At });
    }
}
