using Kiosk.Server.ApiDocs;
using Kiosk.Server.Attendees;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Dashboard;

public static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapFeature("/api/events/{eventId:int}", "Dashboard").MapGet("/dashboard", async Task<Results<Ok<DashboardSnapshot>, ProblemHttpResult>> (int eventId, KioskDb db, Desk.PrintBatches batches, TimeProvider time, CancellationToken ct) =>
        {
            var evt = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId);
            if (evt is null) return Problems.NotFound("Event");
            var now = time.GetUtcNow();

            var registered = await db.Attendees.CountAsync(a => a.EventId == eventId && a.Status == AttendeeStatus.Registered);
            var arrivals = await db.Attendees.AsNoTracking().Where(a => a.EventId == eventId && a.Status == AttendeeStatus.Registered && a.CheckedInAt != null).Select(a => a.CheckedInAt!.Value).ToListAsync();
            var sessions = (await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId && s.EndsAt > now).ToListAsync()).ToLookup(s => s.RoomId);
            var upcoming = sessions.SelectMany(g => g).Select(s => s.Id).ToList();
            var booked = await db.SessionBookings.AsNoTracking().Where(b => upcoming.Contains(b.SessionId)).GroupBy(b => b.SessionId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            var waiting = await db.SessionWaitlist.AsNoTracking().Where(w => upcoming.Contains(w.SessionId)).GroupBy(w => w.SessionId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            SessionView? View(Rooms.Room room, Rooms.RoomSession? s) => s is null ? null
                : new SessionView(s.Title, s.StartsAt, s.EndsAt, s.Capacity ?? room.Capacity, booked.GetValueOrDefault(s.Id), waiting.GetValueOrDefault(s.Id));
            var rooms = (await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync())
                .Select(r => new RoomTile(r.Id, r.Name, r.Kind.ToString(), r.Capacity, r.Inside, r.OccupancySeq,
                    View(r, sessions[r.Id].Where(s => s.StartsAt <= now).MinBy(s => s.StartsAt)),
                    View(r, sessions[r.Id].Where(s => s.StartsAt > now).MinBy(s => s.StartsAt)))).ToList();
            var kiosks = (await db.Terminals.AsNoTracking().Where(t => t.EventId == eventId && t.KeyHash != null && t.RevokedAt == null).OrderBy(t => t.Name).ToListAsync())
                .Select(t => new KioskView(t.Id, t.Name, DashboardRules.IsOnline(t.LastSeenAt, now), t.LastSeenAt, t.OutboxLength, t.PrinterState, t.Mode)).ToList();
            // Conflicts staff reviewed at the desk no longer call for attention.
            var conflicts = await db.PresenceLog.CountAsync(p => p.EventId == eventId && p.Conflict != null && !db.ConflictReviews.Any(r => r.PresenceScanId == p.Id))
                + await db.CheckIns.CountAsync(c => c.EventId == eventId && c.Conflict != null && !db.ConflictReviews.Any(r => r.CheckInRecordId == c.Id));

            return TypedResults.Ok(new DashboardSnapshot(
                new DashboardEvent(evt.Id, evt.Name, evt.TimeZone), registered, arrivals.Count, DashboardRules.Arrivals(arrivals),
                rooms, kiosks, DashboardRules.Alerts(rooms, kiosks, conflicts), conflicts, (await batches.ListAsync(eventId, ct)).Take(DashboardRules.PrintBatchesShown).ToList()));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("GetDashboard").WithSummary("The dashboard snapshot of an event")
            .WithDescription("Arrivals (total, per 15 minutes), rooms with their sessions now and next (with seats, seats booked and places on the waitlist), kiosks, alerts, the count of conflicts not yet reviewed, and the newest print batches with their progress. " +
                "Fetch it on start, after a reconnect of `/hubs/live`, or after a `seq` gap; `printBatchesChanged` on the hub says a batch made progress.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

}
