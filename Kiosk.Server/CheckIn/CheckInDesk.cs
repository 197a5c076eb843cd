using System.Security.Claims;
using Kiosk.Server.Attendees;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.CheckIn;

/// <summary>
/// Records entrance scans. Two guards make it exact under retries and races, without any in-process
/// lock: the unique index on the client scan id (a repeated id replays the stored answer), and a guarded
/// update of the attendee's check-in time (only one scan can turn it from empty to set).
/// </summary>
public sealed class CheckInDesk(KioskDb db, BadgeKeys keys, TimeProvider time)
{
    private sealed record Target(int AttendeeId, int EventId, AttendeeStatus Status, int BadgeVersion, DateTimeOffset? CheckedInAt);

    public async Task<CheckInResponse> CheckInAsync(CheckInRequest request, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (await ReplayAsync(request.ClientScanId, ct) is { } replay) return replay;

        var terminalEventId = actor.TerminalEventId();
        int? scannedVersion = null;
        Target? target;
        if (request.Token is not null)
        {
            if (!BadgeToken.TryParse(request.Token, out var token)) return Answer(request, CheckInOutcome.Invalid);
            // Signature first: only a genuine badge of another event is "wrong event"; a forgery is invalid.
            var ring = (await keys.ForEventAsync(token.Claims.EventId, ct)).Ring;
            if (ring.Check(request.Token, time.GetUtcNow(), out _) != BadgeTokenCheck.Valid) return Answer(request, CheckInOutcome.Invalid);
            if (terminalEventId is { } ev && token.Claims.EventId != ev) return Answer(request, CheckInOutcome.WrongEvent);
            scannedVersion = token.Claims.BadgeVersion;
            target = await db.Badges.AsNoTracking().Where(b => b.Id == token.Claims.BadgeId)
                .Select(b => new Target(b.AttendeeId, b.EventId, b.Attendee!.Status, b.Version, b.Attendee.CheckedInAt))
                .FirstOrDefaultAsync(ct);
        }
        else
        {
            target = await db.Attendees.AsNoTracking().Where(a => a.Id == request.AttendeeId)
                .Select(a => new Target(a.Id, a.EventId, a.Status, a.Badge!.Version, a.CheckedInAt))
                .FirstOrDefaultAsync(ct);
            if (target is not null && terminalEventId is { } ev && target.EventId != ev) return Answer(request, CheckInOutcome.WrongEvent);
        }
        if (target is null) return Answer(request, CheckInOutcome.Unknown);

        var outcome = CheckInRules.Decide(target.Status, target.BadgeVersion, scannedVersion, target.CheckedInAt is not null);
        return await RecordAsync(request, actor, target, outcome, ct) ?? (await ReplayAsync(request.ClientScanId, ct))!;
    }

    /// <summary>Stores the scan; null when another request with the same client scan id got there first.</summary>
    private async Task<CheckInResponse?> RecordAsync(CheckInRequest request, ClaimsPrincipal actor, Target target, CheckInOutcome outcome, CancellationToken ct)
    {
        var receivedAt = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (outcome == CheckInOutcome.FirstCheckIn)
        {
            var arrival = CheckInRules.ArrivalTime(request.ScannedAt, receivedAt);
            var won = await db.Attendees
                .Where(a => a.Id == target.AttendeeId && a.CheckedInAt == null && a.Status == AttendeeStatus.Registered)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, arrival), ct);
            if (won == 0) outcome = CheckInOutcome.AlreadyCheckedIn; // another scan of this badge was first
        }

        var record = new CheckInRecord
        {
            ClientScanId = request.ClientScanId, EventId = target.EventId, AttendeeId = target.AttendeeId, Outcome = outcome,
            ScannedAt = request.ScannedAt == default ? receivedAt : request.ScannedAt.ToUniversalTime(), ReceivedAt = receivedAt,
            TerminalId = actor.TerminalId(), StaffUserId = actor.UserId(),
        };
        db.CheckIns.Add(record);
        if (actor.TerminalId() is null)
        {
            // Staff acts are audited in the same transaction as the act, so neither exists without the other.
            db.AuditLog.Add(new Audit.AuditEntry
            {
                At = receivedAt, Actor = actor.Actor(), Action = "checkin.manual", EventId = target.EventId,
                AttendeeId = target.AttendeeId, Details = $"outcome {outcome}, scan {request.ClientScanId}",
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
            db.ChangeTracker.Clear();
            return null;
        }
        db.ChangeTracker.Clear();
        return await AnswerFor(request.ClientScanId, outcome, target.AttendeeId, ct);
    }

    private async Task<CheckInResponse?> ReplayAsync(Guid clientScanId, CancellationToken ct)
    {
        var stored = await db.CheckIns.AsNoTracking().Where(c => c.ClientScanId == clientScanId)
            .Select(c => new { c.Outcome, c.AttendeeId }).FirstOrDefaultAsync(ct);
        return stored is null ? null : await AnswerFor(clientScanId, stored.Outcome, stored.AttendeeId, ct);
    }

    private async Task<CheckInResponse> AnswerFor(Guid clientScanId, CheckInOutcome outcome, int attendeeId, CancellationToken ct)
    {
        var a = await db.Attendees.AsNoTracking().Where(x => x.Id == attendeeId)
            .Select(x => new { Summary = new AttendeeSummary(x.Id, x.Title, x.FirstName, x.LastName, x.Organization, x.Category), x.CheckedInAt })
            .FirstAsync(ct);
        return new CheckInResponse(clientScanId, outcome, a.Summary, a.CheckedInAt);
    }

    private static CheckInResponse Answer(CheckInRequest request, CheckInOutcome outcome) => new(request.ClientScanId, outcome, null, null);
}
