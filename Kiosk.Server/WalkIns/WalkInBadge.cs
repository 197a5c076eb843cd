using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.WalkIns;

/// <summary>
/// A badge id handed to one terminal for walk-ins before anyone is registered on it. Only ids listed
/// here (for that terminal) can become walk-in badges, so a forged registration gets nowhere.
/// </summary>
public sealed class WalkInBadge
{
    public Guid BadgeId { get; set; }
    public int TerminalId { get; set; }
    public int EventId { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class WalkInBadgeConfiguration : IEntityTypeConfiguration<WalkInBadge>
{
    public void Configure(EntityTypeBuilder<WalkInBadge> e)
    {
        e.HasKey(x => x.BadgeId);
        e.Property(x => x.BadgeId).ValueGeneratedNever();
        e.HasIndex(x => new { x.TerminalId, x.UsedAt });
    }
}
