using Kiosk.Server.Data;
using Kiosk.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Reports;

/// <summary>What the reports of one event are computed from, read in five queries.</summary>
public sealed record ReportData(Event Event, TimeZoneInfo Zone, IReadOnlyList<ReportRoom> Rooms, IReadOnlyList<ReportSession> Sessions, IReadOnlyList<LogRow> Log)
{
    public static async Task<ReportData?> LoadAsync(KioskDb db, int eventId, CancellationToken ct)
    {
        var evt = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (evt is null) return null;
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id)
            .Select(r => new ReportRoom(r.Id, r.Name, r.Kind, r.Capacity)).ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId).ToListAsync(ct);
        var bookings = (await db.SessionBookings.AsNoTracking().Where(b => db.Sessions.Any(s => s.Id == b.SessionId && s.EventId == eventId))
            .ToListAsync(ct)).ToLookup(b => b.SessionId, b => b.AttendeeId);
        var waiting = await db.SessionWaitlist.AsNoTracking().Where(w => db.Sessions.Any(s => s.Id == w.SessionId && s.EventId == eventId))
            .GroupBy(w => w.SessionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Only entries that moved a count: refused scans and repeats are not presence.
        var log = await db.PresenceLog.AsNoTracking().Where(p => p.EventId == eventId && p.Counted)
            .Select(p => new LogRow(p.Id, p.RoomId, p.AttendeeId, p.Direction, p.ScannedAt)).ToListAsync(ct);
        return new ReportData(evt, TimeZoneInfo.FindSystemTimeZoneById(evt.TimeZone), rooms,
            sessions.Select(s => new ReportSession(s.Id, s.RoomId, s.Title, s.StartsAt, s.EndsAt, s.Capacity, bookings[s.Id].ToHashSet(), waiting.GetValueOrDefault(s.Id))).ToList(), log);
    }

    public IReadOnlyList<SessionReportRow> SessionRows() => PresenceReport.Sessions(Log, Rooms, Sessions, Zone);
    public IReadOnlyList<RoomDayRow> RoomRows() => PresenceReport.RoomDays(Log, Rooms, Zone);
    public IReadOnlyList<TimelinePoint> TimelineRows() => PresenceReport.Timeline(Log, Rooms, Zone);
}
