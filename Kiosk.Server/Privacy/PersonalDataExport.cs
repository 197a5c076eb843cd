using Kiosk.Server.Attendees;
using Kiosk.Server.Data;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Privacy;

public sealed record ExportedAttendee(
    int Id, int EventId, string EventName, string? ExternalId, string? Title, string FirstName, string LastName, string? Organization,
    string? Email, AttendeeCategory Category, AttendeeStatus Status, DateTimeOffset? CheckedInAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? AnonymisedAt);
public sealed record ExportedBadge(Guid Id, int Version, DateTimeOffset IssuedAt);
public sealed record ExportedCheckIn(CheckInOutcome Outcome, DateTimeOffset ScannedAt, DateTimeOffset ReceivedAt, string? Terminal);
public sealed record ExportedPresenceScan(string Room, PresenceDirection Direction, PresenceDecision Decision, bool Counted, DateTimeOffset ScannedAt);
/// <summary>A seat (booked, or offered from the waitlist) or a waitlist place.</summary>
public sealed record ExportedSessionBooking(string Session, string Room, DateTimeOffset StartsAt, Rooms.SeatStatus Status = Rooms.SeatStatus.Booked);
public sealed record ExportedReprint(string Reason, string Terminal, DateTimeOffset RequestedAt, DateTimeOffset? PrintedAt);
public sealed record ExportedWalkIn(string Terminal, DateTimeOffset? RegisteredAt);
public sealed record ExportedAuditEntry(string Action, DateTimeOffset At, string ActorRole);
/// <summary>The online sign-up the attendee came from, with the consents and when each was given.</summary>
public sealed record ExportedRegistration(
    Registrations.RegistrationState State, string Category, string Language, DateTimeOffset CreatedAt, DateTimeOffset PrivacyAcceptedAt,
    DateTimeOffset? ContactSharingAt, DateTimeOffset? ConfirmedAt);

/// <summary>Art. 15: everything stored about one attendee, with why it is processed.</summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt, IReadOnlyList<string> Purposes, int RetentionDays, ExportedAttendee Attendee, ExportedBadge? Badge,
    IReadOnlyList<ExportedCheckIn> CheckIns, IReadOnlyList<ExportedPresenceScan> PresenceScans, IReadOnlyList<ExportedSessionBooking> SessionBookings,
    IReadOnlyList<ExportedReprint> Reprints, ExportedWalkIn? WalkIn, IReadOnlyList<ExportedAuditEntry> AuditEntries, ExportedRegistration? Registration = null)
{
    public static readonly IReadOnlyList<string> ProcessingPurposes =
    [
        "Einlass und Badge-Druck zur Veranstaltung / admission and badge printing at the event (Art. 6 (1) b DSGVO)",
        "Raumbelegung und Zutritt zu Sessions mit begrenzter Kapazität / room occupancy and admission to sessions of limited capacity (Art. 6 (1) b, f)",
        "Nachvollziehbarkeit von Korrekturen und Nachdrucken (Audit) / accountability of corrections and reprints (audit) (Art. 6 (1) f)",
        "Online-Anmeldung mit Ihren Einwilligungen und deren Zeitpunkt / online registration with your consents and when you gave them (Art. 6 (1) a, b, Art. 7 (1))",
        "Anonyme Besucherstatistik nach der Löschfrist / anonymous attendance statistics after the retention period (no personal data)",
    ];

    public static async Task<PersonalDataExport?> CollectAsync(KioskDb db, int attendeeId, int retentionDays, DateTimeOffset now, CancellationToken ct)
    {
        var a = await db.Attendees.AsNoTracking().Where(x => x.Id == attendeeId)
            .Join(db.Events, x => x.EventId, e => e.Id, (x, e) => new { Attendee = x, EventName = e.Name })
            .FirstOrDefaultAsync(ct);
        if (a is null) return null;
        var p = a.Attendee;
        var terminals = await db.Terminals.AsNoTracking().Where(t => t.EventId == p.EventId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        string? Terminal(int? id) => id is { } t && terminals.TryGetValue(t, out var name) ? name : null;

        var badge = await db.Badges.AsNoTracking().Where(b => b.AttendeeId == attendeeId).Select(b => new ExportedBadge(b.Id, b.Version, b.IssuedAt)).FirstOrDefaultAsync(ct);
        var checkIns = (await db.CheckIns.AsNoTracking().Where(c => c.AttendeeId == attendeeId).OrderBy(c => c.Id).ToListAsync(ct))
            .Select(c => new ExportedCheckIn(c.Outcome, c.ScannedAt, c.ReceivedAt, Terminal(c.TerminalId))).ToList();
        var presence = await db.PresenceLog.AsNoTracking().Where(s => s.AttendeeId == attendeeId).OrderBy(s => s.Id)
            .Join(db.Rooms, s => s.RoomId, r => r.Id, (s, r) => new ExportedPresenceScan(r.Name, s.Direction, s.Decision, s.Counted, s.ScannedAt))
            .ToListAsync(ct);
        var bookings = await db.SessionBookings.AsNoTracking().Where(b => b.AttendeeId == attendeeId)
            .Join(db.Sessions, b => b.SessionId, s => s.Id, (b, s) => new { Session = s, Offered = b.OfferExpiresAt != null })
            .Join(db.Rooms, x => x.Session.RoomId, r => r.Id, (x, r) => new ExportedSessionBooking(x.Session.Title, r.Name, x.Session.StartsAt,
                x.Offered ? Rooms.SeatStatus.Offered : Rooms.SeatStatus.Booked))
            .ToListAsync(ct);
        bookings.AddRange(await db.SessionWaitlist.AsNoTracking().Where(w => w.AttendeeId == attendeeId)
            .Join(db.Sessions, w => w.SessionId, s => s.Id, (w, s) => s)
            .Join(db.Rooms, s => s.RoomId, r => r.Id, (s, r) => new ExportedSessionBooking(s.Title, r.Name, s.StartsAt, Rooms.SeatStatus.Waitlisted))
            .ToListAsync(ct));
        var reprints = (await db.Reprints.AsNoTracking().Where(r => r.AttendeeId == attendeeId).OrderBy(r => r.RequestedAt).ToListAsync(ct))
            .Select(r => new ExportedReprint(r.Reason, Terminal(r.TerminalId) ?? "", r.RequestedAt, r.PrintedAt)).ToList();
        var walkIn = badge is null ? null : await db.WalkInBadges.AsNoTracking().Where(w => w.BadgeId == badge.Id)
            .Select(w => new { w.TerminalId, w.UsedAt }).FirstOrDefaultAsync(ct);

        // Staff act on the person; the export names their role, not the staff member (their data, not the attendee's).
        var entries = await db.AuditLog.AsNoTracking().Where(e => e.AttendeeId == attendeeId).OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.At, e.Actor }).ToListAsync(ct);
        var actors = entries.Select(e => e.Actor).Distinct().ToList();
        var roles = await db.Users.AsNoTracking().Where(u => actors.Contains(u.UserName)).ToDictionaryAsync(u => u.UserName, u => u.Role, ct);
        var audit = entries.Select(e => new ExportedAuditEntry(e.Action, e.At,
            roles.TryGetValue(e.Actor, out var role) ? role : e.Actor.StartsWith("terminal:", StringComparison.Ordinal) ? "Terminal"
            : e.Actor == Registrations.MyRegistration.Actor ? "Attendee" : "System")).ToList();
        var registration = await db.Registrations.AsNoTracking().Where(r => r.AttendeeId == attendeeId)
            .Join(db.RegistrationCategories, r => r.CategoryId, c => c.Id, (r, c) => new ExportedRegistration(
                r.State, c.Name, r.Language, r.CreatedAt, r.PrivacyAcceptedAt, r.ContactSharingAt, r.ConfirmedAt))
            .FirstOrDefaultAsync(ct);

        return new PersonalDataExport(now, ProcessingPurposes, retentionDays,
            new ExportedAttendee(p.Id, p.EventId, a.EventName, p.ExternalId, p.Title, p.FirstName, p.LastName, p.Organization, p.Email,
                p.Category, p.Status, p.CheckedInAt, p.CreatedAt, p.UpdatedAt, p.AnonymisedAt),
            badge, checkIns, presence, bookings, reprints,
            walkIn is null ? null : new ExportedWalkIn(Terminal(walkIn.TerminalId) ?? "", walkIn.UsedAt),
            audit, registration);
    }
}
