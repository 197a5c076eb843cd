using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Badges;

/// <summary>
/// One of an event's badge signing keys (ECDSA P-256). The newest unrevoked key signs; every unrevoked
/// key verifies, so rotating keys does not invalidate badges already printed. The private key is kept
/// encrypted with ASP.NET Core data protection.
/// </summary>
public sealed class BadgeKey
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int KeyId { get; set; }
    public required byte[] PublicKey { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class BadgeKeyConfiguration : IEntityTypeConfiguration<BadgeKey>
{
    public void Configure(EntityTypeBuilder<BadgeKey> e)
    {
        e.HasIndex(x => new { x.EventId, x.KeyId }).IsUnique();
        e.Property(x => x.PublicKey).HasMaxLength(200);
        e.Property(x => x.ProtectedPrivateKey).HasMaxLength(2000);
    }
}
