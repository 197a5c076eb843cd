using Kiosk.Shared.Contracts;

namespace Kiosk.Terminal.Offline;

/// <summary>
/// Whether the server's database lost scans it had answered (a power cut, a restore from a backup; see
/// <see cref="OutboxMarks"/>), and from which outbox number on this kiosk sends its answered items again. Free of I/O.
/// </summary>
public static class LostAnswers
{
    /// <summary>
    /// The first outbox number to send again, or null when the server holds everything this kiosk was answered.
    /// <paramref name="answeredUpTo"/> must be read before the heartbeat goes out, so that answers arriving meanwhile
    /// cannot look lost. A database of another generation than the one this kiosk last saw knows nothing of its
    /// marks: everything answered goes again.
    /// </summary>
    public static long? ResendFrom(long answeredUpTo, Guid knownGeneration, HeartbeatAnswer answer)
    {
        if (answer.OutboxMark is not { } mark || answeredUpTo <= 0) return null; // a server that keeps no marks, or nothing answered
        var otherDatabase = knownGeneration != Guid.Empty && answer.DatabaseGeneration is { } generation && generation != Guid.Empty && knownGeneration != generation;
        if (otherDatabase) return 1;
        return mark < answeredUpTo ? mark + 1 : null;
    }
}
