using Kiosk.Server.Attendees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Badges;

/// <summary>
/// An attendee's badge. The id is random, so badges cannot be guessed: 64 random bits for badges made since
/// format 2 tokens (<see cref="Kiosk.Shared.Badges.BadgeToken.NewBadgeId"/>), 128 for older ones, whose tokens stay
/// format 1. The version goes up on every reissue, and a token carrying an older version is revoked.
/// </summary>
public sealed class Badge
{
    public Guid Id { get; set; }
    public int AttendeeId { get; set; }
    public Attendee? Attendee { get; set; }
    public int EventId { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>
    /// This badge was printed in a print batch before the doors opened and waits at the counter: the kiosk admits the
    /// visitor without printing it again. A correction or a new version clears it (the printed one is then out of date).
    /// </summary>
    public DateTimeOffset? PrintedAheadAt { get; set; }

    public static Guid NewId() => Kiosk.Shared.Badges.BadgeToken.NewBadgeId();

    /// <summary>
    /// The attendee's next badge version, as one atomic increment (two at once give two versions): every token of an
    /// older version is refused from now on, and a badge printed ahead must be printed again.
    /// </summary>
    public static Task NextVersionAsync(Data.KioskDb db, int attendeeId, DateTimeOffset now, CancellationToken ct) =>
        db.Badges.Where(b => b.AttendeeId == attendeeId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Version, b => b.Version + 1).SetProperty(b => b.IssuedAt, now).SetProperty(b => b.PrintedAheadAt, (DateTimeOffset?)null), ct);
}

internal sealed class BadgeConfiguration : IEntityTypeConfiguration<Badge>
{
    public void Configure(EntityTypeBuilder<Badge> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.AttendeeId).IsUnique();
    }
}
