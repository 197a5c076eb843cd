using Kiosk.Server.Attendees;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using PrinterState = Kiosk.Shared.Printing.EscPos.PrinterState;

namespace Kiosk.Server.Desk;

public sealed record DeskBadge(Guid Id, int Version, DateTimeOffset IssuedAt);
public sealed record DeskArrival(DateTimeOffset At, int? TerminalId, string? TerminalName, string? StaffUser);
public sealed record DeskScan(long Id, CheckInOutcome Outcome, DateTimeOffset ScannedAt, DateTimeOffset ReceivedAt, int? TerminalId, string? TerminalName, string? StaffUser);
public sealed record DeskUndo(DateTimeOffset CheckedInAt, DateTimeOffset UndoneAt, string UndoneBy, string Reason);

/// <summary>
/// A badge print: "checkin" is the kiosk's print at a first check-in (implied by the scan), "reprint" an order by staff.
/// <c>Held</c>, for a reprint not printed yet, says what its kiosk last reported in its way: <c>KioskOffline</c> or a
/// printer state other than Ready (<c>PaperOut</c>, <c>CoverOpen</c>, <c>Offline</c>); null when nothing is known to hold it.
/// </summary>
public sealed record DeskPrint(string Kind, int TerminalId, string? TerminalName, DateTimeOffset RequestedAt, DateTimeOffset? PrintedAt, string? Reason, string? RequestedBy, string? Held = null);
public sealed record DeskAuditEntry(long Id, DateTimeOffset At, string Actor, string Action, int? TerminalId, string? Details);

/// <summary>Everything the help desk shows for one attendee; <c>AnonymisedAt</c>: when the personal data was erased or purged.</summary>
public sealed record AttendeeDesk(
    AttendeeResponse Attendee, DeskArrival? Arrival, DeskBadge? Badge, IReadOnlyList<DeskScan> CheckIns,
    IReadOnlyList<DeskUndo> Undos, IReadOnlyList<DeskPrint> Prints, IReadOnlyList<DeskAuditEntry> Audit, DateTimeOffset? AnonymisedAt = null);

public static class DeskViews
{
    public static async Task<AttendeeDesk?> ForAttendeeAsync(KioskDb db, int attendeeId, DateTimeOffset now, CancellationToken ct)
    {
        var attendee = await db.Attendees.AsNoTracking().Include(a => a.Badge).FirstOrDefaultAsync(a => a.Id == attendeeId, ct);
        if (attendee is null) return null;
        var kiosks = await db.Terminals.AsNoTracking().Where(t => t.EventId == attendee.EventId)
            .Select(t => new { t.Id, t.Name, t.LastSeenAt, t.PrinterState }).ToDictionaryAsync(t => t.Id, ct);
        var terminals = kiosks.ToDictionary(k => k.Key, k => k.Value.Name);
        var scans = await db.CheckIns.AsNoTracking().Where(c => c.AttendeeId == attendeeId).OrderBy(c => c.Id).ToListAsync(ct);
        var staffIds = scans.Where(s => s.StaffUserId is not null).Select(s => s.StaffUserId!.Value).Distinct().ToList();
        var staff = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        string? Kiosk(int? id) => id is { } t && terminals.TryGetValue(t, out var name) ? name : null;
        string? User(int? id) => id is { } u && staff.TryGetValue(u, out var name) ? name : null;

        var history = scans.Select(s => new DeskScan(s.Id, s.Outcome, s.ScannedAt, s.ReceivedAt, s.TerminalId, Kiosk(s.TerminalId), User(s.StaffUserId))).ToList();
        // The scan that set the current arrival is the latest first check-in: an undone one was followed by another.
        var first = attendee.CheckedInAt is null ? null : history.LastOrDefault(s => s.Outcome == CheckInOutcome.FirstCheckIn);
        var arrival = attendee.CheckedInAt is { } at ? new DeskArrival(at, first?.TerminalId, first?.TerminalName, first?.StaffUser) : null;

        var undos = await db.CheckInUndos.AsNoTracking().Where(u => u.AttendeeId == attendeeId).OrderBy(u => u.Id)
            .Select(u => new DeskUndo(u.CheckedInAt, u.UndoneAt, u.UndoneBy, u.Reason)).ToListAsync(ct);
        var reprints = await db.Reprints.AsNoTracking().Where(r => r.AttendeeId == attendeeId).ToListAsync(ct);
        var prints = history.Where(s => s.Outcome == CheckInOutcome.FirstCheckIn && s.TerminalId is not null)
            .Select(s => new DeskPrint("checkin", s.TerminalId!.Value, s.TerminalName, s.ScannedAt, s.ScannedAt, null, null))
            .Concat(reprints.Select(r => new DeskPrint("reprint", r.TerminalId, Kiosk(r.TerminalId), r.RequestedAt, r.PrintedAt, r.Reason, r.RequestedBy,
                r.PrintedAt is null && kiosks.TryGetValue(r.TerminalId, out var k) ? Held(k.LastSeenAt, k.PrinterState) : null)))
            .OrderBy(p => p.RequestedAt).ToList();
        var audit = await db.AuditLog.AsNoTracking().Where(a => a.AttendeeId == attendeeId).OrderByDescending(a => a.Id).Take(200)
            .Select(a => new DeskAuditEntry(a.Id, a.At, a.Actor, a.Action, a.TerminalId, a.Details)).ToListAsync(ct);

        var badge = attendee.Badge is { } b ? new DeskBadge(b.Id, b.Version, b.IssuedAt) : null;
        return new AttendeeDesk(AttendeeEndpoints.ToResponse(attendee), arrival, badge, history, undos, prints, audit, attendee.AnonymisedAt);

        string? Held(DateTimeOffset? lastSeen, string? printer) =>
            !Dashboard.DashboardRules.IsOnline(lastSeen, now) ? "KioskOffline"
            : printer is null or nameof(PrinterState.Ready) or nameof(PrinterState.Unknown) ? null
            : printer;
    }
}
