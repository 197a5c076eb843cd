using System.ComponentModel.DataAnnotations;
using Kiosk.Server.CheckIn;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Rooms;

/// <summary>Section "Rooms".</summary>
public sealed class RoomOptions
{
    public const string Section = "Rooms";

    /// <summary>Local time of the venue (the event's time zone) at which everyone still inside a room is checked out.</summary>
    [Required, RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$")]
    public string EndOfDay { get; set; } = "20:00";
}

/// <summary>When "end of day" falls, in the venue's time zone, on days with a clock change too.</summary>
public static class EndOfDayRules
{
    /// <summary>
    /// The instant of <paramref name="time"/> on <paramref name="date"/> in <paramref name="zone"/>. A time that
    /// does not exist (the spring gap) moves forward by the gap; a time that happens twice (autumn) is
    /// taken the second time, so nobody is checked out an hour early.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Min() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The most recent end of day at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset LastBefore(DateTimeOffset now, TimeOnly time, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var due = At(today, time, zone);
        return due <= now ? due : At(today.AddDays(-1), time, zone);
    }
}

/// <summary>
/// Checks out everyone still inside a room at the end of the day, so tomorrow starts at zero: an exit in
/// the log per person (and per anonymous count), then the count set to zero. Safe to run any number of
/// times: a room remembers the end of day it was closed through.
/// </summary>
public sealed class EndOfDay(IServiceScopeFactory scopes, IOptions<RoomOptions> options, Dashboard.LiveUpdates live, TimeProvider time, ILogger<EndOfDay> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try { await CloseDueRoomsAsync(time.GetUtcNow(), stop); }
            catch (Exception e) when (!stop.IsCancellationRequested) { log.LogError(e, "End-of-day checkout failed; it is tried again in a minute."); }
        } while (await timer.WaitForNextTickAsync(stop));
    }

    /// <summary>Closes every room whose last end of day has passed since it was last closed; returns how many people were checked out.</summary>
    public async Task<int> CloseDueRoomsAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var writes = scope.ServiceProvider.GetRequiredService<WriteGate>();
        var endOfDay = TimeOnly.ParseExact(options.Value.EndOfDay, "HH:mm");
        var checkedOut = 0;
        var dayAfterEnd = now.AddDays(-1);
        var events = await db.Events.AsNoTracking().Where(e => e.StartsAt <= now && e.EndsAt >= dayAfterEnd).Select(e => new { e.Id, e.TimeZone, e.StartsAt }).ToListAsync(ct);
        foreach (var evt in events)
        {
            var due = EndOfDayRules.LastBefore(now, endOfDay, TimeZoneInfo.FindSystemTimeZoneById(evt.TimeZone));
            if (due < evt.StartsAt) continue; // the event's first day has not ended yet
            var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == evt.Id && (r.ClosedThrough == null || r.ClosedThrough < due)).Select(r => r.Id).ToListAsync(ct);
            foreach (var roomId in rooms)
            {
                using (await writes.EnterAsync(ct))
                {
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    var closed = await CloseAsync(db, roomId, evt.Id, due, ct);
                    if (closed is null) continue; // another run or instance was first
                    checkedOut += closed.Value;
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }
                var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == roomId, ct);
                await live.OccupancyChangedAsync(evt.Id, RoomEndpoints.View(room));
            }
        }
        return checkedOut;
    }

    /// <summary>Anonymous counts are only cleared this soon after the end of day; later, some of them may be today's.</summary>
    public static readonly TimeSpan AnonymousWindow = TimeSpan.FromHours(6);

    /// <summary>Null when the room was already closed through <paramref name="due"/>.</summary>
    private async Task<int?> CloseAsync(KioskDb db, int roomId, int eventId, DateTimeOffset due, CancellationToken ct)
    {
        // Claiming the close is one guarded update: of two runs (or two server instances) only one wins.
        var claimed = await db.Rooms.Where(r => r.Id == roomId && (r.ClosedThrough == null || r.ClosedThrough < due))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedThrough, due), ct);
        if (claimed == 0) return null;

        // Who is inside: people whose last counted log entry, anywhere, is an entry into this room. Only
        // those who came in before the end of day leave with it (the job may run late, after a restart).
        var lastEntries = db.PresenceLog.Where(p => p.EventId == eventId && p.Counted && p.AttendeeId != null)
            .GroupBy(p => p.AttendeeId).Select(g => g.Max(p => p.Id));
        var inside = await db.PresenceLog.Where(p => lastEntries.Contains(p.Id) && p.RoomId == roomId && p.Direction == PresenceDirection.In)
            .Select(p => new { p.AttendeeId, p.ScannedAt }).ToListAsync(ct);
        var people = inside.Where(p => p.ScannedAt < due).Select(p => p.AttendeeId).ToList();
        var count = await db.Rooms.Where(r => r.Id == roomId).Select(r => r.Inside).SingleAsync(ct);
        var anonymous = time.GetUtcNow() - due < AnonymousWindow ? Math.Max(0, count - inside.Count) : 0;
        var leaving = people.Count + anonymous;
        if (leaving > 0)
        {
            await db.Rooms.Where(r => r.Id == roomId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Inside, r => r.Inside >= leaving ? r.Inside - leaving : 0)
                .SetProperty(r => r.OccupancySeq, r => r.OccupancySeq + 1), ct);
        }
        var at = CheckInRules.ToMicroseconds(due);
        foreach (var attendeeId in people.Concat(Enumerable.Repeat<int?>(null, anonymous)))
        {
            db.PresenceLog.Add(new PresenceScan
            {
                EventId = eventId, RoomId = roomId, AttendeeId = attendeeId, Direction = PresenceDirection.Out,
                Decision = PresenceDecision.ClosedForTheDay, Counted = true, ScannedAt = at, ReceivedAt = at,
            });
        }
        return leaving;
    }
}
