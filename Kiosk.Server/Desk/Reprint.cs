using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Desk;

/// <summary>
/// A reprint ordered by staff at a chosen kiosk. The kiosk hears of it over SignalR (or finds it when it
/// asks), prints it once (the order id keys its print job) and confirms; until then it stays pending.
/// </summary>
public sealed class Reprint
{
    public Guid Id { get; set; }
    public int EventId { get; set; }
    public int AttendeeId { get; set; }
    public int TerminalId { get; set; }
    public required string Reason { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? PrintedAt { get; set; }

    /// <summary>Asked for by the visitor at the kiosk (see SelfReprintRules) rather than ordered by staff.</summary>
    public bool SelfService { get; set; }

    /// <summary>The print batch this order belongs to (badges printed before the doors open), and its place in it.</summary>
    public Guid? BatchId { get; set; }
    public int? BatchPosition { get; set; }
}

internal sealed class ReprintConfiguration : IEntityTypeConfiguration<Reprint>
{
    public void Configure(EntityTypeBuilder<Reprint> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Reason).HasMaxLength(200);
        e.Property(x => x.RequestedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.TerminalId, x.PrintedAt });
        e.HasIndex(x => x.AttendeeId);
        e.HasIndex(x => new { x.BatchId, x.BatchPosition });
    }
}
