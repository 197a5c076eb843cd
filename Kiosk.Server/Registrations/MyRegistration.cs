using Kiosk.Server.Attendees;
using Kiosk.Server.Audit;
using Kiosk.Server.Data;
using Kiosk.Server.Desk;
using Kiosk.Server.Events;
using Kiosk.Server.Rooms;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Registrations;

/// <summary>A master class on "Meine Anmeldung": the attendee's standing in it (null: neither seat nor waitlist), and its free seats when it is on the form.</summary>
public sealed record MySession(int Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Room, BookingOutcome? Standing, int? Free, bool OnForm)
{
    public bool Has => Standing is not null;
}

/// <summary>What the attendee's own page shows. <see cref="CanChange"/>: registered and not checked in yet (afterwards the desk helps).</summary>
public sealed record MyRegistrationView(Event Event, Attendee Attendee, string Language, IReadOnlyList<MySession> Sessions)
{
    public bool Cancelled => Attendee.Status == AttendeeStatus.Cancelled;
    public bool CanChange => !Cancelled && Attendee.CheckedInAt is null;
}

/// <summary>Why a change on "Meine Anmeldung" was not made, as a text key of <see cref="RegistrationTexts"/>.</summary>
public sealed record MyRefusal(string Code);

/// <summary>
/// "Meine Anmeldung": what an attendee does for themselves through the personal link in their mails. Each change goes
/// the way the organizers' and the desk's go (the seat rule, the desk's correction, one roster write), so the kiosks
/// learn of it by the roster, and each is audited as the attendee's own.
/// </summary>
public sealed class MyRegistration(
    KioskDb db, WriteGate writes, SessionSeats seats, DeskActs desk, AuditLog audit, TerminalPushes pushes, AttendeeSearch search, TimeProvider time)
{
    public const string Actor = "attendee (Meine Anmeldung)";

    /// <summary>How far a name may move from its spelling here (folded letters changed, added or removed); beyond it the desk helps.</summary>
    public const int MaxSpellingChange = 3;

    public async Task<MyRegistrationView?> ViewAsync(int eventId, int attendeeId, CancellationToken ct)
    {
        var attendee = await db.Attendees.AsNoTracking().Include(a => a.Badge)
            .FirstOrDefaultAsync(a => a.Id == attendeeId && a.EventId == eventId && a.AnonymisedAt == null, ct);
        if (attendee is null) return null;
        var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
        var language = await db.Registrations.AsNoTracking().Where(r => r.AttendeeId == attendeeId).Select(r => r.Language).FirstOrDefaultAsync(ct) ?? "de";
        var now = time.GetUtcNow();
        var rows = await db.Sessions.AsNoTracking()
            .Where(s => s.EventId == eventId && ((s.OnRegistrationForm && s.StartsAt > now)
                || db.SessionBookings.Any(b => b.SessionId == s.Id && b.AttendeeId == attendeeId)
                || db.SessionWaitlist.Any(w => w.SessionId == s.Id && w.AttendeeId == attendeeId)))
            .Join(db.Rooms, s => s.RoomId, r => r.Id, (s, r) => new
            {
                s.Id, s.Title, s.StartsAt, s.EndsAt, Room = r.Name, Capacity = s.Capacity ?? r.Capacity, OnForm = s.OnRegistrationForm && s.StartsAt > now,
                Booked = db.SessionBookings.Count(b => b.SessionId == s.Id), Waitlisted = db.SessionWaitlist.Count(w => w.SessionId == s.Id),
            }).ToListAsync(ct);
        var standing = (await seats.StandingAsync(attendeeId, rows.Select(r => r.Id).ToList(), ct)).ToDictionary(x => x.SessionId, x => x.Outcome);
        var sessions = rows.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Select(s => new MySession(s.Id, s.Title, s.StartsAt, s.EndsAt, s.Room,
            standing.GetValueOrDefault(s.Id), s.OnForm ? (s.Waitlisted > 0 ? 0 : Math.Max(0, s.Capacity - s.Booked)) : null, s.OnForm)).ToList();
        return new MyRegistrationView(evt, attendee, language, sessions);
    }

    /// <summary>Books a master class on the form by the seat rule: a seat while there is one, else a waitlist place.</summary>
    public async Task<(BookingOutcome?, MyRefusal?)> BookAsync(MyRegistrationView view, int sessionId, CancellationToken ct)
    {
        if (!view.CanChange) return (null, new("my-locked"));
        var chosen = view.Sessions.FirstOrDefault(s => s.Id == sessionId && s.OnForm);
        if (chosen is null) return (null, new("session-unknown"));
        if (view.Sessions.Any(s => s.Has && s.Id != sessionId && s.StartsAt < chosen.EndsAt && chosen.StartsAt < s.EndsAt)) return (null, new("my-overlap"));
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
        var outcome = (await seats.BookAsync(session, [view.Attendee.Id], overbook: false, ct)).Single();
        await AuditAsync(view, "session.booked", $"session {sessionId}: {outcome.Status}", ct);
        return (outcome, null);
    }

    /// <summary>Gives up a seat (it goes to the first waiting) or a waitlist place, in a session still to come.</summary>
    public async Task<MyRefusal?> CancelSessionAsync(MyRegistrationView view, int sessionId, CancellationToken ct)
    {
        if (!view.CanChange) return new("my-locked");
        if (view.Sessions.FirstOrDefault(s => s.Id == sessionId && s.Has) is not { } mine || mine.StartsAt <= time.GetUtcNow()) return new("session-unknown");
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
        if (await seats.CancelAsync(session, view.Attendee.Id, ct) is null) return new("session-unknown");
        await AuditAsync(view, "session.booking-cancelled", $"session {sessionId}", ct);
        return null;
    }

    /// <summary>
    /// Corrects the spelling of the name on the badge, by the desk's correction (audited, on the roster, a badge printed
    /// ahead is printed again). A spelling, not another person: the folded name may change by a few letters only.
    /// </summary>
    public async Task<MyRefusal?> CorrectNameAsync(MyRegistrationView view, string? title, string? firstName, string? lastName, CancellationToken ct)
    {
        if (!view.CanChange) return new("my-locked");
        var a = view.Attendee;
        var before = NameFolding.Fold($"{a.FirstName} {a.LastName}");
        var after = NameFolding.Fold($"{firstName} {lastName}");
        if (after.Length > 0 && Distance(before, after) > MaxSpellingChange) return new("my-not-spelling");
        var (_, refusal) = await desk.CorrectAsync(a.Id, new CorrectionRequest(title ?? "", firstName ?? "", lastName ?? "", null, "by the attendee on Meine Anmeldung", null), Actor, ct);
        return refusal switch
        {
            null => null,
            { Slug: "correction-unchanged" } => new("my-unchanged"),
            { Slug: "correction-empty-name" } => new("name-missing"),
            { Slug: "correction-length" } => new("name-too-long"),
            { Slug: "correction-characters" } => new("name-characters"),
            _ => new("my-locked"),
        };
    }

    /// <summary>
    /// Cancels the registration: the attendee is cancelled (every kiosk refuses the badge once synced), the badge gets a
    /// new version (so its QR is stale everywhere), the seats in sessions to come go to the next waiting.
    /// </summary>
    public async Task<MyRefusal?> CancelAsync(MyRegistrationView view, CancellationToken ct)
    {
        if (!view.CanChange) return new("my-locked");
        var eventId = view.Event.Id;
        var attendeeId = view.Attendee.Id;
        var now = time.GetUtcNow();
        var seq = await RosterChanges.WriteAsync(db, writes, eventId, async seq =>
        {
            // Read again inside the write: a check-in or an erasure a moment ago wins.
            if (await db.Attendees.Where(a => a.Id == attendeeId && a.Status == AttendeeStatus.Registered && a.CheckedInAt == null && a.AnonymisedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AttendeeStatus.Cancelled).SetProperty(a => a.RosterSeq, seq).SetProperty(a => a.UpdatedAt, now), ct) == 0)
                return false;
            await Badges.Badge.NextVersionAsync(db, attendeeId, now, ct);
            await db.Registrations.Where(r => r.AttendeeId == attendeeId).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RegistrationState.Cancelled), ct);
            await seats.ReleaseWithinAsync([attendeeId], seq, ct);
            audit.Add(Actor, "attendee.cancelled", eventId, attendeeId, null, "cancelled by the attendee");
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        seats.AfterCommit(seq);
        if (seq is null) return new("my-locked");
        search.Invalidate(eventId);
        await pushes.RosterChangedAsync(eventId, seq.Value);
        return null;
    }

    private async Task AuditAsync(MyRegistrationView view, string action, string details, CancellationToken ct)
    {
        audit.Add(Actor, action, view.Event.Id, view.Attendee.Id, null, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Letters changed, added or removed to turn one text into the other (Levenshtein).</summary>
    internal static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
