using Kiosk.Server.Attendees;
using Kiosk.Server.Audit;
using Kiosk.Server.Data;
using Kiosk.Server.Terminals;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Privacy;

public enum EraseOutcome { Erased, NotFound, AlreadyErased }

/// <summary>
/// Removes personal data: a whole event after its retention period, or one attendee on request (Art. 17).
/// Both take a roster sequence number in the same transaction, so every kiosk replaces its copy of the
/// rows, and compact the database afterwards so the old values are gone from the file too.
/// </summary>
public sealed class Erasure(
    KioskDb db, WriteGate writes, AttendeeSearch search, TerminalPushes pushes, Rooms.SessionSeats seats, TimeProvider time, ILogger<Erasure> log)
{
    public const string Actor = "retention";

    /// <summary>Anonymises every attendee of the event once; false when it was purged already (or is unknown).</summary>
    public async Task<bool> PurgeEventAsync(int eventId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        ForgetCounts? counts = null;
        var seq = await RosterChanges.WriteAsync(db, writes, eventId, async seq =>
        {
            // The guarded update is the claim: a second run (or a second server) finds nothing to claim.
            if (await db.Events.Where(e => e.Id == eventId && e.PurgedAt == null).ExecuteUpdateAsync(s => s.SetProperty(e => e.PurgedAt, now), ct) == 0)
                return false;
            counts = await PersonalData.ForgetAsync(db, eventId, attendeeId: null, seq, cancel: false, now, ct);
            db.AuditLog.Add(new AuditEntry { At = now, Actor = Actor, Action = "privacy.event-purged", EventId = eventId, Details = counts.ToString() });
            return true;
        }, ct);
        if (seq is null) return false;
        log.LogInformation("Retention purge of event {EventId}: {Counts}", eventId, counts);
        await AfterAsync(eventId, seq.Value, ct);
        return true;
    }

    /// <summary>Art. 17: the same anonymisation for one attendee, who also leaves the roster (cancelled).</summary>
    public async Task<EraseOutcome> EraseAsync(int attendeeId, string reason, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await db.Attendees.AsNoTracking().Where(a => a.Id == attendeeId).Select(a => (int?)a.EventId).FirstOrDefaultAsync(ct) is not { } eventId)
            return EraseOutcome.NotFound;
        var outcome = EraseOutcome.Erased;
        var seq = await RosterChanges.WriteAsync(db, writes, eventId, async seq =>
        {
            // Read again inside the transaction: a second erasure of the same person at the same moment finds it done.
            var person = await db.Attendees.AsNoTracking().Where(a => a.Id == attendeeId)
                .Select(a => new { a.AnonymisedAt, a.FirstName, a.LastName, a.Title, a.Organization, a.Email, a.ExternalId })
                .SingleAsync(ct);
            if (person.AnonymisedAt is not null) { outcome = EraseOutcome.AlreadyErased; return false; }
            var counts = await PersonalData.ForgetAsync(db, eventId, attendeeId, seq, cancel: true, now, ct);
            // The person leaves the roster: their master class seats go to the next waiting.
            await seats.ReleaseWithinAsync([attendeeId], seq, ct);
            // The reason documents the request; the person's own names in it would undo the erasure.
            var scrubbed = ErasureRules.Scrub(reason, person.FirstName, person.LastName, person.Title, person.Organization, person.Email, person.ExternalId);
            db.AuditLog.Add(new AuditEntry
            {
                At = now, Actor = actor, Action = "privacy.erased", EventId = eventId, AttendeeId = attendeeId,
                Details = $"{counts}; reason: {scrubbed}",
            });
            return true;
        }, ct);
        seats.AfterCommit(seq);
        if (seq is null) return outcome;
        await AfterAsync(eventId, seq.Value, ct);
        return EraseOutcome.Erased;
    }

    private async Task AfterAsync(int eventId, long seq, CancellationToken ct)
    {
        search.Invalidate(eventId);
        if (!await DatabaseMaintenance.CompactAsync(db, writes, ct))
            log.LogWarning("The database could not be fully compacted after removing personal data; the next purge or erasure compacts again.");
        await pushes.RosterChangedAsync(eventId, seq);
    }
}
