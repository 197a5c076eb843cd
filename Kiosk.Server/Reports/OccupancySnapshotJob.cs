using Hangfire;
using Kiosk.Server.Data;
using Kiosk.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Reports;

/// <summary>
/// Every minute: one snapshot row per room of every event running now (from a day before its start to a
/// day after its end). One query reads the counts, one batch inserts the rows that are not there yet.
/// </summary>
public sealed class OccupancySnapshotJob(KioskDb db, WriteGate writes, TimeProvider time)
{
    public const string RecurringId = "occupancy-snapshots";

    public Task<int> RunAsync(CancellationToken ct) => TakeAsync(time.GetUtcNow(), ct);

    /// <summary>Stores the snapshots of the minute of <paramref name="now"/>; returns how many rows this run added.</summary>
    public async Task<int> TakeAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var minute = Truncate(now);
        // Running now: from a day before its start to a day after its end.
        var (startsBy, endsAfter) = (minute.AddDays(1), minute.AddDays(-1));
        var rooms = await db.Rooms.AsNoTracking()
            .Where(r => db.Events.Any(e => e.Id == r.EventId && e.StartsAt <= startsBy && e.EndsAt >= endsAfter))
            .Select(r => new { r.Id, r.EventId, r.Inside, r.Capacity, Taken = db.OccupancySnapshots.Any(s => s.RoomId == r.Id && s.Minute == minute) })
            .ToListAsync(ct);
        var missing = rooms.Where(r => !r.Taken).ToList();
        if (missing.Count == 0) return 0;
        db.AddRange(missing.Select(r => new OccupancySnapshot { RoomId = r.Id, EventId = r.EventId, Minute = minute, Inside = r.Inside, Capacity = r.Capacity }));
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
            return missing.Count;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another run (or server instance) took this minute between our read and our insert: already taken.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }
}

/// <summary>Registers <see cref="OccupancySnapshotJob"/> to run every minute.</summary>
internal sealed class OccupancySnapshotSchedule : IRecurringWork
{
    public void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<OccupancySnapshotJob>(OccupancySnapshotJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
}
