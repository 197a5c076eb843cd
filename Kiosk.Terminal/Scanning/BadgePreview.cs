using System.Security.Cryptography;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Printing;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// The badge shown before it prints (issue 13): the check-in counts at once, the badge job waits
/// <see cref="TerminalOptions.BadgePreviewSeconds"/> (so a closed browser still prints), "Drucken" releases it and
/// "Fehler auf dem Badge?" cancels it and asks the help desk to correct the badge. The screen holds the job by an
/// unguessable reference, never by the attendee.
/// </summary>
public sealed class BadgePreview(TerminalStore store, PrintJobs jobs, PrintQueue printQueue, Outbox outbox, KioskClock clock, TimeProvider time, IOptions<TerminalOptions> options)
{
    /// <summary>How the screen may still stop the job; null when the kiosk prints at once (BadgePreviewSeconds = 0).</summary>
    public BadgeHold? Hold(DateTimeOffset now) => options.Value.BadgePreviewSeconds is > 0 and var seconds
        ? new BadgeHold(now.AddSeconds(seconds), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)))
        : null;

    /// <summary>The answer for a held job: its reference, the countdown, and the picture drawn before printing.</summary>
    public ScanAnswer Answer(ScanAnswer answer, BadgeHold? hold, long jobId) => hold is null ? answer
        : answer with { PrintRef = hold.Ref, PreviewSeconds = options.Value.BadgePreviewSeconds, Preview = $"/local/prints/{jobId}.svg" };

    public async Task<bool> ReleaseAsync(string printRef)
    {
        if (!await jobs.ReleaseAsync(printRef)) return false;
        printQueue.Poke();
        return true;
    }

    /// <summary>
    /// "Fehler auf dem Badge?" pressed, or speech on: the badge waits while the visitor decides, as long as the screen
    /// would stay (idle warning and its countdown), then prints as before should the visitor walk away.
    /// </summary>
    public async Task<bool> HoldLongerAsync(string printRef)
    {
        var held = await jobs.HoldAsync(printRef, time.GetUtcNow().AddSeconds(2 * options.Value.IdleSeconds + 10));
        printQueue.Poke(); // its timer moves to the new time
        return held;
    }

    public enum Outcome { Unknown, NotPrinted, AlreadyPrinted }

    /// <summary>Cancels the badge unless it is already printing, and puts the visitor on the desk's list, in one transaction.</summary>
    public async Task<Outcome> CorrectAsync(string printRef, BadgeFields fields, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var clientId = Guid.NewGuid();
        var outcome = await store.WriteAsync(async (c, tx) =>
        {
            if (await PrintJobs.CancelForCorrectionAsync(c, tx, printRef, clientId) is not { } job) return Outcome.Unknown;
            // Pressed twice (or by a second tab): one request on the desk's list.
            if (job.First) await Outbox.AddAsync(c, tx, new CorrectionRequestNotice(clientId, job.AttendeeId, fields, now), clock.At(now));
            return job.Cancelled ? Outcome.NotPrinted : Outcome.AlreadyPrinted;
        }, ct);
        if (outcome != Outcome.Unknown) outbox.Poke();
        return outcome;
    }
}
