using System.Security.Claims;
using Kiosk.Server.Attendees;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.CheckIn;

/// <summary>
/// Records entrance scans. Two guards make it exact under retries and races, without any in-process
/// lock: the unique index on the client scan id (a repeated id replays the stored answer), and a guarded
/// update of the attendee's check-in time (only one scan can turn it from empty to set).
/// </summary>
public sealed class CheckInRecorder(KioskDb db, BadgeCheck badges, WriteGate writes, Dashboard.LiveUpdates live, TimeProvider time)
{
    private sealed record Target(int EventId, AttendeeStatus Status, int BadgeVersion, DateTimeOffset? CheckedInAt, AttendeeSummary Summary);

    public async Task<CheckInResponse> CheckInAsync(CheckInRequest request, ClaimsPrincipal actor, CancellationToken ct)
    {
        // One connection for the whole scan instead of one per statement.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var (target, scannedVersion, refusal) = await FindAsync(request, actor.TerminalEventId(), ct);
            // Refusals are not stored; a retry of a stored scan still gets its stored answer.
            if (target is null) return await ReplayAsync(request.ClientScanId, ct) ?? Answer(request, refusal);

            var outcome = CheckInRules.Decide(target.Status, target.BadgeVersion, scannedVersion, target.CheckedInAt is not null);
            // A repeated client scan id fails the unique index and gets the first answer back.
            return await RecordAsync(request, actor, target, outcome, ct) ?? (await ReplayAsync(request.ClientScanId, ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The scanned attendee, or why there is none.</summary>
    private async Task<(Target?, int? ScannedVersion, CheckInOutcome Refusal)> FindAsync(CheckInRequest request, int? terminalEventId, CancellationToken ct)
    {
        if (request.Token is null)
        {
            var byId = await db.Attendees.AsNoTracking().Where(a => a.Id == request.AttendeeId)
                .Select(a => new Target(a.EventId, a.Status, a.Badge!.Version, a.CheckedInAt,
                    new AttendeeSummary(a.Id, a.Title, a.FirstName, a.LastName, a.Organization, a.Category)))
                .FirstOrDefaultAsync(ct);
            if (byId is not null && terminalEventId is { } ev && byId.EventId != ev) return (null, null, CheckInOutcome.WrongEvent);
            return (byId, null, CheckInOutcome.Unknown);
        }

        var (claims, refusal) = await badges.ReadAsync(request.Token, terminalEventId, ct);
        if (claims is null) return (null, null, refusal == BadgeCheck.Refusal.WrongEvent ? CheckInOutcome.WrongEvent : CheckInOutcome.Invalid);
        var byBadge = await db.Badges.AsNoTracking().Where(b => b.Id == claims.BadgeId)
            .Select(b => new Target(b.EventId, b.Attendee!.Status, b.Version, b.Attendee.CheckedInAt,
                new AttendeeSummary(b.AttendeeId, b.Attendee.Title, b.Attendee.FirstName, b.Attendee.LastName, b.Attendee.Organization, b.Attendee.Category)))
            .FirstOrDefaultAsync(ct);
        return (byBadge, claims.BadgeVersion, CheckInOutcome.Unknown);
    }

    /// <summary>Stores the scan; null when another request with the same client scan id got there first.</summary>
    private async Task<CheckInResponse?> RecordAsync(CheckInRequest request, ClaimsPrincipal actor, Target target, CheckInOutcome outcome, CancellationToken ct)
    {
        var receivedAt = CheckInRules.ToMicroseconds(time.GetUtcNow());
        var checkedInAt = target.CheckedInAt;
        using (await writes.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (outcome == CheckInOutcome.FirstCheckIn)
            {
                var arrival = CheckInRules.ArrivalTime(request.ScannedAt, receivedAt);
                var won = await db.Attendees
                    .Where(a => a.Id == target.Summary.Id && a.CheckedInAt == null && a.Status == AttendeeStatus.Registered)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, arrival), ct);
                // Another scan of this badge was first; its time is read below.
                if (won == 1) checkedInAt = arrival;
                else (outcome, checkedInAt) = (CheckInOutcome.AlreadyCheckedIn, null);
            }

            db.CheckIns.Add(new CheckInRecord
            {
                ClientScanId = request.ClientScanId, EventId = target.EventId, AttendeeId = target.Summary.Id, Outcome = outcome,
                Conflict = CheckInRules.Conflict(outcome, request.BadgePrinted),
                ScannedAt = request.ScannedAt == default ? receivedAt : CheckInRules.ToMicroseconds(request.ScannedAt.ToUniversalTime()), ReceivedAt = receivedAt,
                TerminalId = actor.TerminalId(), StaffUserId = actor.UserId(),
            });
            if (actor.TerminalId() is null)
            {
                // Staff acts are audited in the same transaction as the act, so neither exists without the other.
                db.AuditLog.Add(new Audit.AuditEntry
                {
                    At = receivedAt, Actor = actor.Actor(), Action = "checkin.manual", EventId = target.EventId,
                    AttendeeId = target.Summary.Id,
                    Details = $"outcome {outcome}, scan {request.ClientScanId}" + (request.Reason is { } reason ? $"; reason: {reason.Trim()}" : ""),
                });
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                await tx.RollbackAsync(ct);
                return null;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        if (outcome == CheckInOutcome.FirstCheckIn) live.ArrivalsChanged(target.EventId);
        checkedInAt ??= await db.Attendees.Where(a => a.Id == target.Summary.Id).Select(a => a.CheckedInAt).FirstAsync(ct);
        return new CheckInResponse(request.ClientScanId, outcome, target.Summary, checkedInAt);
    }

    private async Task<CheckInResponse?> ReplayAsync(Guid clientScanId, CancellationToken ct)
    {
        var stored = await (
                from c in db.CheckIns.AsNoTracking()
                join a in db.Attendees.AsNoTracking() on c.AttendeeId equals a.Id
                where c.ClientScanId == clientScanId
                select new { c.Outcome, a.CheckedInAt, Summary = new AttendeeSummary(a.Id, a.Title, a.FirstName, a.LastName, a.Organization, a.Category) })
            .FirstOrDefaultAsync(ct);
        return stored is null ? null : new CheckInResponse(clientScanId, stored.Outcome, stored.Summary, stored.CheckedInAt);
    }

    private static CheckInResponse Answer(CheckInRequest request, CheckInOutcome outcome) => new(request.ClientScanId, outcome, null, null);
}
