using Kiosk.Server.Attendees;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Privacy;

/// <summary>What was overwritten or deleted, for the audit entry (counts only, never values).</summary>
public sealed record ForgetCounts(int Attendees, int Badges, int WalkInBadges, int Reprints, int AuditDetails, int Registrations = 0)
{
    public override string ToString() =>
        $"attendees {Attendees}, badges replaced {Badges}, walk-in badges {WalkInBadges}, staff reasons and notes {Reprints}, audit details {AuditDetails}, online registrations {Registrations}";
}

/// <summary>
/// THE list of personal data per table, and the one implementation that removes it, shared by the
/// retention purge (a whole event) and the Art. 17 erasure (one attendee). A feature that adds a table
/// holding names, addresses, free text about people or person-linked tokens adds its step here.
/// Ids, categories, statuses and times stay, so check-ins, arrivals, occupancy and the audit trail still count.
/// </summary>
public static class PersonalData
{
    /// <summary>What an anonymised attendee is called (the columns are not nullable).</summary>
    public const string Placeholder = "—";

    /// <summary>
    /// Call inside the writing transaction that took <paramref name="rosterSeq"/>. <paramref name="attendeeId"/>
    /// null: every attendee of the event. <paramref name="cancel"/>: the attendee leaves the roster (erasure).
    /// </summary>
    public static async Task<ForgetCounts> ForgetAsync(KioskDb db, int eventId, int? attendeeId, long rosterSeq, bool cancel, DateTimeOffset now, CancellationToken ct)
    {
        var attendees = db.Attendees.Where(a => a.EventId == eventId);
        var badges = db.Badges.Where(b => b.EventId == eventId);
        var reprints = db.Reprints.Where(r => r.EventId == eventId);
        // The purge clears the Details of all the event's audit entries (reasons may name anyone); an erasure those about the person.
        var audit = db.AuditLog.Where(e => e.EventId == eventId);
        if (attendeeId is { } id)
        {
            attendees = attendees.Where(a => a.Id == id);
            badges = badges.Where(b => b.AttendeeId == id);
            reprints = reprints.Where(r => r.AttendeeId == id);
            audit = db.AuditLog.Where(e => e.AttendeeId == id);
        }

        // Badges: a badge id (with its version) is a token that names a person wherever it was scanned or
        // printed. Each attendee gets a fresh random id the old QR code no longer finds.
        var old = await badges.AsNoTracking().Select(b => new { b.Id, b.AttendeeId, b.Version }).ToListAsync(ct);
        var oldIds = old.Select(b => b.Id).ToList();

        // Walk-ins: the kiosk's grant row carries the walk-in's badge id; the person is in Attendees.
        var walkIns = attendeeId is null
            ? await db.WalkInBadges.Where(w => w.EventId == eventId).ExecuteDeleteAsync(ct)
            : await db.WalkInBadges.Where(w => oldIds.Contains(w.BadgeId)).ExecuteDeleteAsync(ct);
        await badges.ExecuteDeleteAsync(ct);
        db.Badges.AddRange(old.Select(b => new Badge { Id = Badge.NewId(), AttendeeId = b.AttendeeId, EventId = eventId, Version = b.Version + 1, IssuedAt = now }));
        await db.SaveChangesAsync(ct);

        // Attendees: names, title, organisation, e-mail and the registration number (second-factor answers
        // on the kiosks are derived from these two, so they go too). Status, category and CheckedInAt stay.
        var people = await attendees.ExecuteUpdateAsync(s => s
            .SetProperty(a => a.FirstName, Placeholder).SetProperty(a => a.LastName, Placeholder)
            .SetProperty(a => a.Title, (string?)null).SetProperty(a => a.Organization, (string?)null)
            .SetProperty(a => a.Email, (string?)null).SetProperty(a => a.ExternalId, (string?)null)
            .SetProperty(a => a.Status, a => cancel ? AttendeeStatus.Cancelled : a.Status)
            .SetProperty(a => a.RosterSeq, rosterSeq).SetProperty(a => a.UpdatedAt, now).SetProperty(a => a.AnonymisedAt, now), ct);

        // Reprints: the staff's free-text reason often names the person ("Name korrigiert: Müller").
        var reasons = await reprints.ExecuteUpdateAsync(s => s.SetProperty(r => r.Reason, ""), ct);

        // Desk: reasons for undone check-ins and notes on reviewed conflicts are staff free text, like reprint reasons.
        var undos = attendeeId is { } one ? db.CheckInUndos.Where(u => u.AttendeeId == one) : db.CheckInUndos.Where(u => u.EventId == eventId);
        reasons += await undos.ExecuteUpdateAsync(s => s.SetProperty(u => u.Reason, ""), ct);
        var reviews = attendeeId is { } person
            ? db.ConflictReviews.Where(r => db.PresenceLog.Any(p => p.Id == r.PresenceScanId && p.AttendeeId == person)
                || db.CheckIns.Any(c => c.Id == r.CheckInRecordId && c.AttendeeId == person))
            : db.ConflictReviews.Where(r => r.EventId == eventId);
        reasons += await reviews.ExecuteUpdateAsync(s => s.SetProperty(r => r.Note, ""), ct);

        // Import runs: a rejected line's reason may quote what was in the file ("x@y is not an e-mail address").
        // Runs hold lines, not people, so an erasure cannot pick one person's; the purge clears them all.
        if (attendeeId is null)
            reasons += await db.ImportRuns.Where(r => r.EventId == eventId && r.RejectedJson != null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RejectedJson, (string?)null).SetProperty(r => r.Error, (string?)null), ct);

        // Online registrations: the sign-up's copy of the person (names, address, consents) and its mails go; the purge
        // takes the unconfirmed ones too.
        var signUps = attendeeId is { } registrant ? db.Registrations.Where(r => r.AttendeeId == registrant) : db.Registrations.Where(r => r.EventId == eventId);
        await db.RegistrationMails.Where(m => m.EventId == eventId && (attendeeId == null || m.AttendeeId == attendeeId || signUps.Any(r => r.Id == m.RegistrationId)))
            .ExecuteDeleteAsync(ct);
        var registrations = await signUps.ExecuteDeleteAsync(ct);

        // Audit log: entries stay (actor, action, time, ids); only their free text goes. The only change
        // ever made to the audit log, and made only here.
        var details = await audit.Where(e => e.Details != null).ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, (string?)null), ct);

        return new ForgetCounts(people, old.Count, walkIns, reasons, details, registrations);
    }
}
