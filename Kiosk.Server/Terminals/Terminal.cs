using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Terminals;

/// <summary>
/// A kiosk PC. Created by an organizer with a one-time enrolment code; enrolling swaps the code for a
/// terminal key. Only SHA-256 hashes of code and key are stored; revoking ends the key at once.
/// </summary>
public sealed class Terminal
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    public string? EnrolmentCodeHash { get; set; }
    public DateTimeOffset? EnrolmentCodeExpiresAt { get; set; }
    public string? KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EnrolledAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Set by an organizer (e.g. "room-entrance"); overrides the terminal's configured mode. Null: as configured.</summary>
    public string? AssignedMode { get; set; }

    // As of the last heartbeat, for the organizers' view of their kiosks.
    public string? AppVersion { get; set; }
    public int? OutboxLength { get; set; }
    public string? PrinterState { get; set; }
    public string? Mode { get; set; }

    /// <summary>The highest outbox number of this terminal the server has answered (see <see cref="OutboxMarkFilter"/>).</summary>
    public long OutboxMark { get; set; }
}

internal sealed class TerminalConfiguration : IEntityTypeConfiguration<Terminal>
{
    public void Configure(EntityTypeBuilder<Terminal> e)
    {
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.EnrolmentCodeHash).HasMaxLength(64);
        e.Property(x => x.KeyHash).HasMaxLength(64);
        e.Property(x => x.AppVersion).HasMaxLength(50);
        e.Property(x => x.PrinterState).HasMaxLength(20);
        e.Property(x => x.Mode).HasMaxLength(20);
        e.Property(x => x.AssignedMode).HasMaxLength(20);
        e.HasIndex(x => x.EnrolmentCodeHash).IsUnique();
        e.HasIndex(x => x.KeyHash).IsUnique();
    }
}
