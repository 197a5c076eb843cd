namespace Kiosk.Server.Privacy;

/// <summary>When an event's personal data is due for deletion; free of I/O.</summary>
public static class RetentionRules
{
    /// <summary>Events that ended at or before this instant are due (unless purged already).</summary>
    public static DateTimeOffset DueIfEndedBy(DateTimeOffset now, int retentionDays) => now - TimeSpan.FromDays(retentionDays);

    public static bool IsDue(DateTimeOffset endsAt, DateTimeOffset? purgedAt, int retentionDays, DateTimeOffset now) =>
        purgedAt is null && endsAt <= DueIfEndedBy(now, retentionDays);
}
