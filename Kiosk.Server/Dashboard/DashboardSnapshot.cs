
namespace Kiosk.Server.Dashboard;

public sealed record DashboardEvent(int Id, string Name, string TimeZone);
public sealed record ArrivalBucket(DateTimeOffset From, int Count);
/// <summary>A session on a room tile; <see cref="Seats"/> its capacity (else the room's), with seats booked and places on its waitlist.</summary>
public sealed record SessionView(string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Seats = 0, int Booked = 0, int Waitlisted = 0);
public sealed record RoomTile(int RoomId, string Name, string Kind, int Capacity, int Inside, long Seq, SessionView? SessionNow, SessionView? SessionNext);
public sealed record KioskView(int Id, string Name, bool Online, DateTimeOffset? LastSeenAt, int? Outbox, string? PrinterState, string? Mode);
public sealed record DashboardAlert(string Kind, int? RoomId = null, int? TerminalId = null, int? Count = null);

/// <summary>Everything the organizer dashboard shows; live messages only update parts of it. <see cref="PrintBatches"/>: the newest few, with their progress.</summary>
public sealed record DashboardSnapshot(
    DashboardEvent Event, int Registered, int Arrived, IReadOnlyList<ArrivalBucket> Arrivals,
    IReadOnlyList<RoomTile> Rooms, IReadOnlyList<KioskView> Terminals, IReadOnlyList<DashboardAlert> Alerts, int Conflicts,
    IReadOnlyList<Desk.PrintBatchView> PrintBatches);

/// <summary>The dashboard's rules, free of I/O: buckets, when a kiosk counts as offline, what deserves an alert.</summary>
public static class DashboardRules
{
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(15);

    /// <summary>Three missed heartbeats (15 s apart by default).</summary>
    public static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(45);

    public const double AlmostFull = 0.9;

    /// <summary>The dashboard shows the newest print batches only; the desk lists them all.</summary>
    public const int PrintBatchesShown = 4;

    public static bool IsOnline(DateTimeOffset? lastSeen, DateTimeOffset now) => lastSeen is { } seen && now - seen <= OfflineAfter;

    /// <summary>Arrivals per 15 minutes, from the first arrival's bucket to the last, empty buckets included.</summary>
    public static List<ArrivalBucket> Arrivals(IEnumerable<DateTimeOffset> arrivals)
    {
        var counts = arrivals.GroupBy(a => Floor(a)).ToDictionary(g => g.Key, g => g.Count());
        if (counts.Count == 0) return [];
        var buckets = new List<ArrivalBucket>();
        for (var t = counts.Keys.Min(); t <= counts.Keys.Max(); t += Bucket) buckets.Add(new ArrivalBucket(t, counts.GetValueOrDefault(t)));
        return buckets;
    }

    public static DateTimeOffset Floor(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % Bucket.Ticks, TimeSpan.Zero);
    }

    public static List<DashboardAlert> Alerts(IEnumerable<RoomTile> rooms, IEnumerable<KioskView> kiosks, int conflicts)
    {
        var alerts = new List<DashboardAlert>();
        foreach (var r in rooms)
        {
            if (r.Inside >= r.Capacity) alerts.Add(new DashboardAlert("RoomFull", RoomId: r.RoomId));
            else if (r.Inside >= AlmostFull * r.Capacity) alerts.Add(new DashboardAlert("RoomAlmostFull", RoomId: r.RoomId));
        }
        foreach (var k in kiosks)
        {
            if (!k.Online) alerts.Add(new DashboardAlert("KioskOffline", TerminalId: k.Id));
            else if (k.PrinterState is not (null or "Ready" or "Unknown")) alerts.Add(new DashboardAlert("PrinterProblem", TerminalId: k.Id));
        }
        if (conflicts > 0) alerts.Add(new DashboardAlert("Conflicts", Count: conflicts));
        return alerts;
    }
}
