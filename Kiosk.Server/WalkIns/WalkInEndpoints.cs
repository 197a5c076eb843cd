using Kiosk.Server.ApiDocs;
using Kiosk.Server.Attendees;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.CheckIn;
using Kiosk.Server.Data;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Shared.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.WalkIns;

/// <summary>
/// Walk-in registration at the kiosk, offline-first: the terminal holds badges signed in advance,
/// prints one for the walk-in at once, and uploads the registration when it can. The upload creates the
/// attendee on that badge and records the check-in; sending it again changes nothing.
/// </summary>
public static class WalkInEndpoints
{
    public const int MaxUnusedPerTerminal = 50;

    public static void MapWalkInEndpoints(this IEndpointRouteBuilder app)
    {
        var terminal = app.MapFeature("/api/terminal", "Walk-ins").RequireAuthorization(Policies.Terminal);

        terminal.MapPost("/walkin-badges", async Task<Results<Ok<WalkInBadgeGrant[]>, ProblemHttpResult>> (
            HttpContext http, KioskDb db, BadgeKeys keys, TimeProvider time, int count = 20) =>
        {
            var (terminalId, eventId) = (http.User.TerminalId()!.Value, http.User.TerminalEventId()!.Value);
            var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId);
            if (!evt.AllowsWalkIns) return Problems.Conflict("walk-ins-off", "This event does not take walk-in registrations.");
            var unused = await db.WalkInBadges.CountAsync(b => b.TerminalId == terminalId && b.UsedAt == null);
            var grant = Math.Clamp(count, 0, MaxUnusedPerTerminal - unused);
            var now = time.GetUtcNow();
            var badges = Enumerable.Range(0, grant).Select(_ => new WalkInBadge { BadgeId = Badge.NewId(), TerminalId = terminalId, EventId = eventId, GrantedAt = now }).ToList();
            db.WalkInBadges.AddRange(badges);
            await db.SaveChangesAsync();
            var tokens = await keys.SignAllAsync(evt, badges.Select(b => (b.BadgeId, 1, AttendeeCategory.Visitor)).ToList());
            return TypedResults.Ok(badges.Select((b, i) => new WalkInBadgeGrant(b.BadgeId, tokens[i])).ToArray());
        }).WithName("GrantWalkInBadges").WithSummary("Badges signed in advance, for the kiosk to print for walk-ins offline")
            .WithDescription("`?count=` (default 20): up to 50 unused badges per terminal in all; fewer (or none) when the terminal holds that many already.")
            .Refuses(StatusCodes.Status409Conflict, "`/problems/walk-ins-off`: the event takes no walk-in registrations.");

        terminal.MapPost("/walkins", async Task<Results<Ok<WalkInAnswer>, ProblemHttpResult>> (
            WalkInRegistration walkIn, HttpContext http, KioskDb db, WriteGate writes, TerminalPushes pushes, AttendeeSearch search, Dashboard.LiveUpdates live, TimeProvider time) =>
        {
            if (WalkInRules.Problem(walkIn) is { } problem) return Problems.Invalid("walk-in", problem);
            var (terminalId, eventId) = (http.User.TerminalId()!.Value, http.User.TerminalEventId()!.Value);
            if (await ExistingAsync(db, walkIn.BadgeId) is { } done) return TypedResults.Ok(done);
            var reserved = await db.WalkInBadges.AsNoTracking().AnyAsync(b => b.BadgeId == walkIn.BadgeId && b.TerminalId == terminalId);
            if (!reserved) return Problems.Invalid("walk-in-badge", "The badge was not granted to this terminal for walk-ins.");

            var now = CheckInRules.ToMicroseconds(time.GetUtcNow());
            var arrival = CheckInRules.ArrivalTime(http.OnServerClock(walkIn.RegisteredAt, time), now);
            var attendee = new Attendee
            {
                EventId = eventId, Title = Clean(walkIn.Title), FirstName = Clean(walkIn.FirstName) ?? "", LastName = Clean(walkIn.LastName)!,
                Organization = Clean(walkIn.Organization), Email = Clean(walkIn.Email)?.ToLowerInvariant(), Category = AttendeeCategory.Visitor,
                CheckedInAt = arrival, CreatedAt = now, UpdatedAt = now,
                Badge = new Badge { Id = walkIn.BadgeId, EventId = eventId, Version = 1, IssuedAt = arrival },
            };
            long seq;
            try
            {
                seq = (await RosterChanges.WriteAsync(db, writes, eventId, async seq =>
                {
                    attendee.RosterSeq = seq;
                    db.Attendees.Add(attendee);
                    await db.SaveChangesAsync();
                    db.CheckIns.Add(new CheckInRecord
                    {
                        ClientScanId = walkIn.ClientScanId, EventId = eventId, AttendeeId = attendee.Id, Outcome = CheckInOutcome.FirstCheckIn,
                        ScannedAt = CheckInRules.ToMicroseconds(walkIn.RegisteredAt.ToUniversalTime()), ReceivedAt = now, TerminalId = terminalId,
                    });
                    db.AuditLog.Add(new Audit.AuditEntry
                    {
                        At = now, Actor = http.User.Actor(), Action = "attendee.walk-in", EventId = eventId, AttendeeId = attendee.Id,
                        TerminalId = terminalId, Details = walkIn.Consent ? "consent given at the kiosk" : null,
                    });
                    await db.WalkInBadges.Where(b => b.BadgeId == walkIn.BadgeId).ExecuteUpdateAsync(s => s.SetProperty(b => b.UsedAt, now));
                    return true;
                }, http.RequestAborted))!.Value;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same upload arrived twice at once; the other one created the attendee.
                db.ChangeTracker.Clear();
                return TypedResults.Ok((await ExistingAsync(db, walkIn.BadgeId))!);
            }
            search.Invalidate(eventId);
            live.ArrivalsChanged(eventId);
            await pushes.RosterChangedAsync(eventId, seq);
            return TypedResults.Ok(new WalkInAnswer(attendee.Id, Created: true));
        }).RecordsOutboxMark()
            .WithName("RegisterWalkIn").WithSummary("Upload a walk-in registration: the attendee is created on its badge and checked in")
            .WithDescription("`{clientScanId, badgeId, title, firstName, lastName, organization, email, consent, registeredAt}` on a badge granted to this terminal; repeats change nothing (`created: false`).")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/walk-in`: a field breaks the walk-in rules; `/problems/walk-in-badge`: the badge was not granted to this terminal.");
    }

    private static async Task<WalkInAnswer?> ExistingAsync(KioskDb db, Guid badgeId) =>
        await db.Badges.AsNoTracking().Where(b => b.Id == badgeId).Select(b => new WalkInAnswer(b.AttendeeId, false)).FirstOrDefaultAsync();

    /// <summary>As every place that takes names stores them (a missing first name is "": a single name is a last name).</summary>
    private static string? Clean(string? text) => PersonNameRules.Normalise(text);
}
