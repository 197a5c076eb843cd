using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Offline;

/// <summary>A moment on this kiosk: its wall clock, and where the monotonic clock of this run of the kiosk stood.</summary>
public readonly record struct KioskTime(DateTimeOffset At, string Run, long Stamp)
{
    /// <summary>Sets <c>$at</c>, <c>$run</c> and <c>$stamp</c>: the columns created_at, clock_run, clock_stamp of outbox items and print jobs.</summary>
    public void Bind(SqliteCommand command)
    {
        command.Parameters.AddWithValue("$at", At.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$run", Run);
        command.Parameters.AddWithValue("$stamp", Stamp);
    }

    /// <summary>
    /// Reads created_at, clock_run, clock_stamp from <paramref name="createdAt"/> on. Rows written before the kiosk
    /// kept the monotonic stamp get no run, so their age is the wall clock's.
    /// </summary>
    public static KioskTime Read(SqliteDataReader reader, int createdAt) => new(
        DateTimeOffset.Parse(reader.GetString(createdAt), CultureInfo.InvariantCulture),
        reader.IsDBNull(createdAt + 1) ? "" : reader.GetString(createdAt + 1),
        reader.IsDBNull(createdAt + 2) ? 0 : reader.GetInt64(createdAt + 2));
}

/// <summary>
/// The kiosk PC's wall clock can be changed under a running kiosk: the daylight-saving hour applied by hand
/// or late, a drifted clock stepped by NTP, staff "fixing" the time. How long a scan has waited in the outbox
/// is therefore measured on the monotonic clock (which no one sets) while this run of the kiosk lasts;
/// after a restart only the wall clock is left.
/// </summary>
public sealed class KioskClock(TimeProvider time)
{
    private readonly string _run = Guid.NewGuid().ToString("N");

    public KioskTime At(DateTimeOffset now) => new(now, _run, time.GetTimestamp());

    /// <summary>
    /// The "sent at" to report for something recorded at <paramref name="recorded"/>: its wall time plus the
    /// time really gone by since, so the server's "sent − scanned" is the true age whatever the wall clock did.
    /// </summary>
    public DateTimeOffset SentAt(KioskTime recorded) =>
        recorded.Run == _run ? recorded.At + time.GetElapsedTime(recorded.Stamp) : time.GetUtcNow();

    /// <summary>How long ago <paramref name="recorded"/> was: really gone by in this run, else by the wall clock at <paramref name="now"/>.</summary>
    public TimeSpan Since(KioskTime recorded, DateTimeOffset now) =>
        recorded.Run == _run ? time.GetElapsedTime(recorded.Stamp) : now - recorded.At;
}
