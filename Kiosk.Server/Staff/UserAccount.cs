using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Staff;

public static class Roles
{
    public const string Organizer = "Organizer";
    public const string Staff = "Staff";
}

/// <summary>A person who logs in to the web UI or asks for an API token: organizer or help-desk staff.</summary>
public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Disabled { get; set; }
}

/// <summary>A bearer token issued to a user for scripts. Stored as a SHA-256 hash; expires.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int UserAccountId { get; set; }
    public UserAccount? UserAccount { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> e)
    {
        e.Property(x => x.UserName).HasMaxLength(100);
        e.Property(x => x.PasswordHash).HasMaxLength(200);
        e.Property(x => x.Role).HasMaxLength(20);
        e.HasIndex(x => x.UserName).IsUnique();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasOne(x => x.UserAccount).WithMany().HasForeignKey(x => x.UserAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
