using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;

namespace Kiosk.Server.Reports;

/// <summary>One counted entry or exit of the presence log (anonymous when <see cref="AttendeeId"/> is null).</summary>
public sealed record LogRow(long Id, int RoomId, int? AttendeeId, PresenceDirection Direction, DateTimeOffset At);

public sealed record ReportRoom(int Id, string Name, RoomKind Kind, int Capacity);

public sealed record ReportSession(int Id, int RoomId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int? Capacity, IReadOnlySet<int> Booked, int Waitlisted = 0);

/// <summary>Times are local to the venue.</summary>
public sealed record SessionReportRow(
    int SessionId, int RoomId, string Room, bool MasterClass, string Title, DateTime Starts, DateTime Ends, int Capacity, int Booked,
    int Attendance, int Peak, DateTime PeakAt, int Entries, int Exits, int BookedCame, int BookedNotCame, double AverageMinutes,
    int Waitlisted = 0);

public sealed record RoomDayRow(int RoomId, string Room, DateOnly Day, int Entries, int Exits, int Attendees, int Peak, DateTime? PeakAt);

/// <summary>
/// The most people inside during the quarter hour starting at <see cref="Slot"/>: venue time with its UTC
/// offset, so the repeated hour of the autumn clock change appears twice, told apart by the offset.
/// </summary>
public sealed record TimelinePoint(int RoomId, string Room, DateTimeOffset Slot, int Inside);

/// <summary>
/// Session and room reports from the presence log, the source of truth (late uploads after an outage
/// change the past, which a snapshot taken at the time could not know). Pure: rows in, rows out.
/// </summary>
public static class PresenceReport
{
    public static readonly TimeSpan TimelineSlot = TimeSpan.FromMinutes(15);

    public static IReadOnlyList<SessionReportRow> Sessions(IReadOnlyList<LogRow> log, IReadOnlyList<ReportRoom> rooms, IReadOnlyList<ReportSession> sessions, TimeZoneInfo zone)
    {
        var byRoom = ByRoom(log);
        var result = new List<SessionReportRow>();
        foreach (var s in sessions.OrderBy(s => s.StartsAt).ThenBy(s => s.RoomId))
        {
            var room = rooms.First(r => r.Id == s.RoomId);
            var roomLog = byRoom.TryGetValue(s.RoomId, out var l) ? l : [];
            var present = MinutesPresent(roomLog, s.StartsAt, s.EndsAt);
            var (peak, peakAt) = Peak(roomLog, s.StartsAt, s.EndsAt);
            // Entries and exits while the door follows the session's rules: from doors open until its end.
            var door = roomLog.Where(r => r.At >= s.StartsAt - PresenceRules.DoorsOpen && r.At <= s.EndsAt).ToList();
            var came = s.Booked.Count(present.ContainsKey);
            result.Add(new SessionReportRow(
                s.Id, room.Id, room.Name, room.Kind == RoomKind.MasterClassRoom, s.Title, Local(s.StartsAt, zone), Local(s.EndsAt, zone),
                s.Capacity ?? room.Capacity, s.Booked.Count, present.Count, peak, Local(peakAt, zone),
                door.Count(r => r.Direction == PresenceDirection.In), door.Count(r => r.Direction == PresenceDirection.Out),
                came, s.Booked.Count - came, present.Count == 0 ? 0 : Math.Round(present.Values.Average(t => t.TotalMinutes), 1), s.Waitlisted));
        }
        return result;
    }

    public static IReadOnlyList<RoomDayRow> RoomDays(IReadOnlyList<LogRow> log, IReadOnlyList<ReportRoom> rooms, TimeZoneInfo zone)
    {
        var byRoom = ByRoom(log);
        var result = new List<RoomDayRow>();
        foreach (var room in rooms.OrderBy(r => r.Id))
        {
            if (!byRoom.TryGetValue(room.Id, out var roomLog)) continue;
            var inside = 0;
            foreach (var day in roomLog.GroupBy(r => DateOnly.FromDateTime(Local(r.At, zone))))
            {
                // The count carried over from the day before (normally 0 after the end of day) is where the day starts.
                var (peak, peakAt) = (inside, (DateTime?)null);
                foreach (var row in day)
                {
                    inside += Step(row);
                    if (inside > peak) (peak, peakAt) = (inside, Local(row.At, zone));
                }
                result.Add(new RoomDayRow(room.Id, room.Name, day.Key, day.Count(r => r.Direction == PresenceDirection.In),
                    day.Count(r => r.Direction == PresenceDirection.Out), day.Where(r => r.AttendeeId != null).Select(r => r.AttendeeId).Distinct().Count(),
                    peak, peakAt));
            }
        }
        return result;
    }

    /// <summary>
    /// Occupancy per quarter hour, computed from the log rather than the minute snapshots: it is exact for
    /// late uploads and for events before the snapshots existed. Each day runs from its first to its last
    /// scan's quarter hour; a quarter hour shows the most people inside at any moment of it. Quarter hours
    /// are counted on the UTC axis (every zone's offset is a whole number of quarter hours), so a day with
    /// a clock change has each real quarter hour once: none skipped in spring's gap, none merged in autumn.
    /// </summary>
    public static IReadOnlyList<TimelinePoint> Timeline(IReadOnlyList<LogRow> log, IReadOnlyList<ReportRoom> rooms, TimeZoneInfo zone)
    {
        var byRoom = ByRoom(log);
        var result = new List<TimelinePoint>();
        foreach (var room in rooms.OrderBy(r => r.Id))
        {
            if (!byRoom.TryGetValue(room.Id, out var roomLog)) continue;
            var inside = 0;
            foreach (var day in roomLog.GroupBy(r => DateOnly.FromDateTime(Local(r.At, zone))))
            {
                var rows = day.Select(r => (Slot: Floor(r.At), Step: Step(r))).ToList();
                var slot = rows[0].Slot;
                var i = 0;
                while (slot <= rows[^1].Slot)
                {
                    var most = inside;
                    for (; i < rows.Count && rows[i].Slot <= slot; i++) most = Math.Max(most, inside += rows[i].Step);
                    result.Add(new TimelinePoint(room.Id, room.Name, TimeZoneInfo.ConvertTime(slot, zone), most));
                    slot += TimelineSlot;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Time each attendee spent inside during [<paramref name="from"/>, <paramref name="to"/>], from the
    /// counted entries and exits of one room. Every way out is logged (exit scan, entering another room, the
    /// end-of-day checkout), so an entry without an exit means the person is still inside: counted until <paramref name="to"/>.
    /// Only attendees inside at some moment of the window are in the result.
    /// </summary>
    public static Dictionary<int, TimeSpan> MinutesPresent(IEnumerable<LogRow> roomLog, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new Dictionary<int, TimeSpan>();
        foreach (var person in roomLog.Where(r => r.AttendeeId != null && r.At < to).GroupBy(r => r.AttendeeId!.Value))
        {
            DateTimeOffset? since = null;
            var total = TimeSpan.Zero;
            var seen = false;
            foreach (var row in Ordered(person))
            {
                if (row.Direction == PresenceDirection.In) since ??= row.At;
                else if (since is { } entered)
                {
                    seen |= Add(ref total, entered, row.At, from, to);
                    since = null;
                }
            }
            if (since is { } open) seen |= Add(ref total, open, to, from, to);
            if (seen) result[person.Key] = total;
        }
        return result;
    }

    /// <summary>Present for at least <paramref name="share"/> of the session.</summary>
    public static bool Eligible(TimeSpan present, DateTimeOffset startsAt, DateTimeOffset endsAt, double share) =>
        present.Ticks >= (long)Math.Ceiling((endsAt - startsAt).Ticks * share);

    /// <summary>Adds the part of [in, out) inside [from, to]; true when the person was inside during the window at all.</summary>
    private static bool Add(ref TimeSpan total, DateTimeOffset entered, DateTimeOffset left, DateTimeOffset from, DateTimeOffset to)
    {
        var (a, b) = (entered > from ? entered : from, left < to ? left : to);
        if (b <= a) return false;
        total += b - a;
        return true;
    }

    /// <summary>The most people inside during [from, to) (everyone counted, anonymous too) and when that was first reached.</summary>
    private static (int Peak, DateTimeOffset At) Peak(IReadOnlyList<LogRow> roomLog, DateTimeOffset from, DateTimeOffset to)
    {
        var inside = 0;
        var i = 0;
        for (; i < roomLog.Count && roomLog[i].At <= from; i++) inside += Step(roomLog[i]);
        var (peak, at) = (inside, from);
        for (; i < roomLog.Count && roomLog[i].At < to; i++)
        {
            inside += Step(roomLog[i]);
            if (inside > peak) (peak, at) = (inside, roomLog[i].At);
        }
        return (peak, at);
    }

    private static int Step(LogRow row) => row.Direction == PresenceDirection.In ? 1 : -1;

    /// <summary>By scan time (late uploads fall into place), then by log order.</summary>
    private static IEnumerable<LogRow> Ordered(IEnumerable<LogRow> rows) => rows.OrderBy(r => r.At).ThenBy(r => r.Id);

    private static Dictionary<int, List<LogRow>> ByRoom(IEnumerable<LogRow> log) =>
        log.GroupBy(r => r.RoomId).ToDictionary(g => g.Key, g => Ordered(g).ToList());

    public static DateTime Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime;

    private static DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimelineSlot.Ticks, TimeSpan.Zero);
}
