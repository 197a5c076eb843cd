using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Desk;

/// <summary>
/// A visitor said at the kiosk that the badge preview is wrong ("Fehler auf dem Badge?"): nothing was printed, and the
/// help desk corrects the marked fields and prints at that kiosk. The check-in itself counted at once. Named apart from
/// <see cref="CorrectionRequest"/>, the desk's own correction form.
/// </summary>
public sealed class BadgeCorrectionRequest
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int AttendeeId { get; set; }
    public int TerminalId { get; set; }

    /// <summary>The kiosk's id for the request: stored once however often its outbox sends it.</summary>
    public Guid ClientId { get; set; }

    public BadgeFields Fields { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}

internal sealed class BadgeCorrectionRequestConfiguration : IEntityTypeConfiguration<BadgeCorrectionRequest>
{
    public void Configure(EntityTypeBuilder<BadgeCorrectionRequest> e)
    {
        e.ToTable("CorrectionRequests");
        e.HasIndex(x => x.ClientId).IsUnique();
        e.HasIndex(x => new { x.EventId, x.ResolvedAt });
        e.HasIndex(x => x.AttendeeId);
        e.Property(x => x.ResolvedBy).HasMaxLength(100);
    }
}
