using Kiosk.Server.Attendees;
using Kiosk.Server.Audit;
using Kiosk.Server.Data;
using Kiosk.Server.Terminals;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

/// <summary>Why a desk act was not done; endpoints turn it into problem details.</summary>
public sealed record DeskRefusal(DeskRefusal.Kinds Kind, string Slug, string Detail)
{
    public enum Kinds { Invalid, NotFound, Conflict }

    public static DeskRefusal Invalid(DeskRules.Refusal r) => new(Kinds.Invalid, r.Slug, r.Detail);
    public static DeskRefusal NotFound(string what) => new(Kinds.NotFound, "not-found", what);

    /// <summary>After an Art. 17 erasure or the retention purge nothing is corrected, printed, reissued or undone: that would bring data back.</summary>
    public static readonly DeskRefusal Erased = new(Kinds.Conflict, "erased", "This attendee's personal data has been erased; the help desk cannot change or print it.");

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem() => Kind switch
    {
        Kinds.NotFound => Problems.NotFound(Detail),
        Kinds.Conflict => Problems.Conflict(Slug, Detail),
        _ => Problems.Invalid(Slug, Detail),
    };
}

public sealed record CorrectionResult(AttendeeResponse Attendee, IReadOnlyList<string> Changed, Reprint? Reprint);
public sealed record ReissueResult(Guid BadgeId, int Version, DateTimeOffset IssuedAt);
public sealed record UndoResult(int AttendeeId, DateTimeOffset UndoneCheckedInAt);

/// <summary>
/// What staff change at the help desk. Each act is one transaction: the change, the attendee's next roster
/// sequence number (so every kiosk copies it) and its audit entry commit together or not at all; the kiosks
/// are told afterwards. The audit entry names changed fields and the reason, never the names themselves.
/// </summary>
public sealed class DeskActs(KioskDb db, WriteGate writes, AuditLog audit, TerminalPushes pushes, AttendeeSearch search,
    Dashboard.LiveUpdates live, TimeProvider time)
{
    public async Task<(CorrectionResult?, DeskRefusal?)> CorrectAsync(int attendeeId, CorrectionRequest request, string actor, CancellationToken ct)
    {
        var current = await db.Attendees.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attendeeId, ct);
        if (current is null) return (null, DeskRefusal.NotFound("Attendee"));
        if (current.AnonymisedAt is not null) return (null, DeskRefusal.Erased);
        var (correction, refusal) = DeskRules.Correct(new(current.Title, current.FirstName, current.LastName, current.Organization), request);
        if (refusal is not null) return (null, DeskRefusal.Invalid(refusal));
        // The kiosk is checked before anything changes, so a wrong choice leaves the attendee as it was.
        if (request.ReprintAt is { } kiosk && !await IsKioskOfAsync(kiosk, current.EventId, ct))
            return (null, DeskRefusal.Invalid(new("reprint-terminal", "Choose an enrolled kiosk of the attendee's event.")));

        Attendee attendee = null!;
        var seq = await RosterChanges.WriteAsync(db, writes, current.EventId, async seq =>
        {
            attendee = await db.Attendees.SingleAsync(a => a.Id == attendeeId, ct);
            // Read inside the transaction: an erasure that committed a moment ago is not undone by this correction.
            if (attendee.AnonymisedAt is not null) return false;
            (attendee.Title, attendee.FirstName, attendee.LastName, attendee.Organization) = correction!.After;
            attendee.RosterSeq = seq;
            // A badge printed in advance now shows the old spelling: the kiosk prints the corrected one at check-in.
            await db.Badges.Where(b => b.AttendeeId == attendeeId).ExecuteUpdateAsync(s => s.SetProperty(b => b.PrintedAheadAt, (DateTimeOffset?)null), ct);
            attendee.UpdatedAt = time.GetUtcNow();
            audit.Add(actor, "attendee.corrected", attendee.EventId, attendee.Id, null,
                $"fields {string.Join(", ", correction.Changed)}; reason: {request.Reason!.Trim()}");
            return true;
        }, ct);
        if (seq is null) return (null, DeskRefusal.Erased);
        search.Invalidate(attendee.EventId);
        await pushes.RosterChangedAsync(attendee.EventId, seq.Value);

        Reprint? reprint = null;
        if (request.ReprintAt is { } terminalId)
            (reprint, _) = await OrderReprintAsync(attendeeId, terminalId, request.Reason, actor, ct);
        return (new CorrectionResult(AttendeeEndpoints.ToResponse(attendee), correction!.Changed, reprint), null);
    }

    /// <summary>The one place reprints are ordered: from the reprint route and with a correction.</summary>
    public async Task<(Reprint?, DeskRefusal?)> OrderReprintAsync(int attendeeId, int terminalId, string? reason, string actor, CancellationToken ct)
    {
        if (DeskRules.CheckReason(reason, "reprint-reason") is { } badReason) return (null, DeskRefusal.Invalid(badReason));
        var attendee = await db.Attendees.AsNoTracking().Where(a => a.Id == attendeeId).Select(a => new { a.Id, a.EventId, a.AnonymisedAt }).FirstOrDefaultAsync(ct);
        if (attendee is null) return (null, DeskRefusal.NotFound("Attendee"));
        if (attendee.AnonymisedAt is not null) return (null, DeskRefusal.Erased);
        if (!await IsKioskOfAsync(terminalId, attendee.EventId, ct))
            return (null, DeskRefusal.Invalid(new("reprint-terminal", "Choose an enrolled kiosk of the attendee's event.")));
        var order = new Reprint
        {
            Id = Guid.NewGuid(), EventId = attendee.EventId, AttendeeId = attendeeId, TerminalId = terminalId,
            Reason = reason!.Trim(), RequestedBy = actor, RequestedAt = time.GetUtcNow(),
        };
        db.Reprints.Add(order);
        audit.Add(actor, "badge.reprint-ordered", order.EventId, attendeeId, terminalId, $"order {order.Id}; reason: {order.Reason}");
        // The badge a visitor said was wrong is being printed anew: their requests leave the desk's list with this order.
        foreach (var open in await db.CorrectionRequests.Where(r => r.AttendeeId == attendeeId && r.ResolvedAt == null).ToListAsync(ct))
            CorrectionRequestEndpoints.Resolve(open, actor, order.RequestedAt);
        await db.SaveChangesAsync(ct);
        await pushes.ReprintOrderedAsync(terminalId);
        return (order, null);
    }

    /// <summary>A new badge version: every token of an older version is refused from now on, offline too once kiosks synced.</summary>
    public async Task<(ReissueResult?, DeskRefusal?)> ReissueAsync(int attendeeId, string? reason, string actor, CancellationToken ct)
    {
        if (DeskRules.CheckReason(reason) is { } badReason) return (null, DeskRefusal.Invalid(badReason));
        var current = await db.Attendees.Where(a => a.Id == attendeeId && a.Badge != null).Select(a => new { a.EventId, a.AnonymisedAt }).FirstOrDefaultAsync(ct);
        if (current is null) return (null, DeskRefusal.NotFound("Attendee"));
        if (current.AnonymisedAt is not null) return (null, DeskRefusal.Erased);
        var eventId = current.EventId;

        var now = time.GetUtcNow();
        ReissueResult result = null!;
        var seq = await RosterChanges.WriteAsync(db, writes, eventId, async seq =>
        {
            await Badges.Badge.NextVersionAsync(db, attendeeId, now, ct);
            await db.Attendees.Where(a => a.Id == attendeeId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.RosterSeq, seq).SetProperty(a => a.UpdatedAt, now), ct);
            var badge = await db.Badges.AsNoTracking().SingleAsync(b => b.AttendeeId == attendeeId, ct);
            result = new ReissueResult(badge.Id, badge.Version, badge.IssuedAt);
            audit.Add(actor, "badge.reissued", eventId, attendeeId, null, $"version {badge.Version}; reason: {reason!.Trim()}");
            return true;
        }, ct);
        await pushes.RosterChangedAsync(eventId, seq!.Value);
        return (result, null);
    }

    /// <summary>Clears the arrival so the attendee can check in again; the scans stay in the log, the undo is kept beside them.</summary>
    public async Task<(UndoResult?, DeskRefusal?)> UndoCheckInAsync(int attendeeId, string? reason, string actor, CancellationToken ct)
    {
        if (DeskRules.CheckReason(reason) is { } badReason) return (null, DeskRefusal.Invalid(badReason));
        var current = await db.Attendees.AsNoTracking().Where(a => a.Id == attendeeId).Select(a => new { a.EventId, a.CheckedInAt, a.AnonymisedAt }).FirstOrDefaultAsync(ct);
        if (current is null) return (null, DeskRefusal.NotFound("Attendee"));
        if (current.AnonymisedAt is not null) return (null, DeskRefusal.Erased);
        var notCheckedIn = new DeskRefusal(DeskRefusal.Kinds.Conflict, "not-checked-in", "The attendee is not checked in, so there is nothing to undo.");
        if (current.CheckedInAt is not { } checkedInAt) return (null, notCheckedIn);

        var now = time.GetUtcNow();
        var seq = await RosterChanges.WriteAsync(db, writes, current.EventId, async seq =>
        {
            // Guarded like the check-in itself: only the arrival that was read is cleared, and only once.
            var cleared = await db.Attendees.Where(a => a.Id == attendeeId && a.CheckedInAt == checkedInAt)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, (DateTimeOffset?)null).SetProperty(a => a.RosterSeq, seq).SetProperty(a => a.UpdatedAt, now), ct);
            if (cleared == 0) return false;
            db.Add(new CheckInUndo
            {
                EventId = current.EventId, AttendeeId = attendeeId, CheckedInAt = checkedInAt,
                UndoneAt = now, UndoneBy = actor, Reason = reason!.Trim(),
            });
            audit.Add(actor, "checkin.undone", current.EventId, attendeeId, null, $"reason: {reason.Trim()}");
            return true;
        }, ct);
        if (seq is null) return (null, notCheckedIn);
        live.ArrivalsChanged(current.EventId);
        await pushes.RosterChangedAsync(current.EventId, seq.Value);
        return (new UndoResult(attendeeId, checkedInAt), null);
    }

    private Task<bool> IsKioskOfAsync(int terminalId, int eventId, CancellationToken ct) =>
        db.Terminals.AsNoTracking().AnyAsync(t => t.Id == terminalId && t.EventId == eventId && t.RevokedAt == null && t.KeyHash != null, ct);
}
