using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Terminals;

/// <summary>What an enrolled terminal asks the server for: who it is, the roster by deltas, and its heartbeat.</summary>
public static class RosterEndpoints
{
    public const int MaxPage = 5000;

    public static void MapRosterEndpoints(this IEndpointRouteBuilder app)
    {
        var terminal = app.MapFeature("/api/terminal", "Terminal sync").RequireAuthorization(Policies.Terminal);

        terminal.MapGet("/profile", async Task<Results<Ok<TerminalProfile>, ProblemHttpResult>> (HttpContext http, KioskDb db) =>
        {
            var terminalId = http.User.TerminalId();
            var profile = await db.Terminals.AsNoTracking().Where(t => t.Id == terminalId)
                .Join(db.Events, t => t.EventId, e => e.Id, (t, e) => new TerminalProfile(
                    t.Id, t.Name, e.Id, e.Name, e.StartsAt, e.EndsAt, e.TimeZone, e.AllowsWalkIns, e.SecondFactor, t.AssignedMode, e.SelfServiceReprint))
                .FirstOrDefaultAsync(http.RequestAborted);
            if (profile is null) return Problems.NotFound("Terminal");
            var handouts = await Events.HandoutEndpoints.ForProfileAsync(db, profile.EventId, http.RequestAborted);
            return TypedResults.Ok(profile with { Handouts = handouts });
        }).WithName("GetTerminalProfile").WithSummary("The calling terminal and its event")
            .WithDescription("Name, the event's name, dates and time zone, walk-ins, second factor, self-service reprints, the mode an organizer assigned, and the handout note per attendee category (`handouts: [{category, note}]`).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        // Changes after (since, after) in sequence order. A full copy starts at since=0.
        terminal.MapGet("/roster", async Task<Results<Ok<RosterPage>, ProblemHttpResult>> (
            HttpContext http, KioskDb db, BadgeKeys keys, long since = 0, int after = 0, int limit = MaxPage) =>
        {
            if (since < 0 || after < 0 || limit is < 1 or > MaxPage)
                return Problems.Invalid("roster-cursor", $"since and after must not be negative; limit must be 1 to {MaxPage}.");
            var eventId = http.User.TerminalEventId()!.Value;
            var rows = await db.Attendees.AsNoTracking()
                .Where(a => a.EventId == eventId && (a.RosterSeq > since || (a.RosterSeq == since && a.Id > after)))
                .OrderBy(a => a.RosterSeq).ThenBy(a => a.Id)
                .Take(limit + 1)
                .Select(a => new
                {
                    a.Id, BadgeId = a.Badge!.Id, BadgeVersion = a.Badge.Version, a.Title, a.FirstName, a.LastName, a.Organization,
                    a.Category, a.Status, a.CheckedInAt, a.Email, a.ExternalId, a.RosterSeq, Erased = a.AnonymisedAt != null,
                    AtCounter = a.Badge.PrintedAheadAt != null,
                })
                .ToListAsync(http.RequestAborted);
            var complete = rows.Count <= limit;
            var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, http.RequestAborted);
            var page = rows.Take(limit).ToList();
            var tokens = await keys.SignAllAsync(evt, page.Select(a => (a.BadgeId, a.BadgeVersion, a.Category)).ToList(), http.RequestAborted);
            var sessions = await BookedSessionsAsync(db, page.Where(a => !a.Erased).Select(a => a.Id).ToList(), http.RequestAborted);
            var entries = page.Select((a, i) => new RosterEntry(
                a.Id, a.BadgeId, a.BadgeVersion, a.Title, a.FirstName, a.LastName, a.Organization, a.Category,
                a.Status == Attendees.AttendeeStatus.Cancelled, a.CheckedInAt,
                SecondFactorProof.Of(eventId, SecondFactorKind.Email, a.Email),
                SecondFactorProof.Of(eventId, SecondFactorKind.RegistrationNumber, a.ExternalId),
                tokens[i], a.RosterSeq, a.Erased, a.AtCounter, sessions.GetValueOrDefault(a.Id))).ToList();
            var last = entries.LastOrDefault();
            return TypedResults.Ok(new RosterPage(entries, last?.Seq ?? since, last?.Id ?? after, complete));
        }).WithName("GetRosterChanges").WithSummary("Roster changes of the terminal's event after a cursor")
            .WithDescription("`?since=&after=&limit=`: changes after (`since`, `after`) in sequence order, at most 5,000 a page (`limit` 1 to 5,000); a full copy starts at `since=0`; pass its `nextSince` and `nextAfter` as `since` and `after` for the next page until `complete`. " +
                "Each entry: names, category, cancelled, check-in time, badge id/version and signed token, second-factor proofs (hashes, never e-mail addresses), erased, `badgeAtCounter` (printed in advance in a print batch: the kiosk admits without printing), and the booked sessions in start order (`sessions: [{title, startsAt, endsAt, room, handoutNote}]`).")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/roster-cursor`: `since` or `after` negative, or `limit` not 1 to 5,000.");

        terminal.MapPost("/heartbeat", async (TerminalHeartbeat heartbeat, HttpContext http, KioskDb db, Dashboard.LiveUpdates live, Operations.KioskMetrics metrics, TimeProvider time) =>
            TypedResults.Ok(await TerminalHeartbeats.RecordAsync(db, live, metrics, http.User, heartbeat, time.GetUtcNow(), http.RequestAborted)))
            .WithName("RecordHeartbeat").WithSummary("The kiosk reports itself; the answer says what it must catch up on")
            .WithDescription("`{appVersion, outbox, printerState, mode}` → `{rosterSeq, serverTime, databaseGeneration, outboxMark}` (see Power cut and restore in the README). The same as the method `Heartbeat` on `/hubs/terminal`.");
    }

    /// <summary>The booked sessions of these attendees, each person's in start order.</summary>
    private static async Task<Dictionary<int, IReadOnlyList<BookedSession>>> BookedSessionsAsync(KioskDb db, List<int> attendeeIds, CancellationToken ct)
    {
        if (attendeeIds.Count == 0) return [];
        var rows = await db.SessionBookings.AsNoTracking().Where(b => attendeeIds.Contains(b.AttendeeId))
            .Join(db.Sessions, b => b.SessionId, s => s.Id, (b, s) => new { b.AttendeeId, Session = s })
            .Join(db.Rooms, x => x.Session.RoomId, r => r.Id, (x, r) => new { x.AttendeeId, x.Session.Id, x.Session.Title, x.Session.StartsAt, x.Session.EndsAt, Room = r.Name, x.Session.HandoutNote })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.AttendeeId).ToDictionary(g => g.Key, g => (IReadOnlyList<BookedSession>)g
            .OrderBy(r => r.StartsAt).ThenBy(r => r.Id).Select(r => new BookedSession(r.Title, r.StartsAt, r.EndsAt, r.Room, r.HandoutNote)).ToList());
    }
}
