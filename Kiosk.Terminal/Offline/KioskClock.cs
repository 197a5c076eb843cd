namespace Kiosk.Terminal.Offline;

/// <summary>A moment on this kiosk: its wall clock, and where the monotonic clock of this run of the kiosk stood.</summary>
public readonly record struct KioskTime(DateTimeOffset At, string Run, long Stamp);

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
    public DateTimeOffset SentAt(KioskTime? recorded) =>
        recorded is { } r && r.Run == _run ? r.At + time.GetElapsedTime(r.Stamp) : time.GetUtcNow();

    /// <summary>How long ago <paramref name="recorded"/> was: really gone by in this run, else by the wall clock at <paramref name="now"/>.</summary>
    public TimeSpan Since(KioskTime recorded, DateTimeOffset now) =>
        recorded.Run == _run ? time.GetElapsedTime(recorded.Stamp) : now - recorded.At;
}
