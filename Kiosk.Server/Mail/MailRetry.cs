namespace Kiosk.Server.Mail;

/// <summary>What happens to a confirmation mail after a failed attempt: the decision, without SMTP or a database.</summary>
public static class MailRetry
{
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <param name="attempts">Attempts made so far, including the one that just failed.</param>
    /// <param name="permanent">The server refused for good (5xx on the recipient or the message): asking again changes nothing.</param>
    public static (ConfirmationMailStatus Status, DateTimeOffset NextAttemptAt) AfterFailure(
        int attempts, bool permanent, MailOptions options, DateTimeOffset now)
    {
        if (permanent || attempts >= options.MaxAttempts) return (ConfirmationMailStatus.Failed, now);
        return (ConfirmationMailStatus.Waiting, now + Backoff(attempts, TimeSpan.FromSeconds(options.FirstRetrySeconds)));
    }

    /// <summary>1, 2, 4 … times the first wait, capped at <see cref="LongestWait"/>.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan first)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, LongestWait.Ticks));
    }
}
