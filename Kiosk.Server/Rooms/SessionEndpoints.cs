using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Rooms;

public sealed record SessionRequest(
    [Required, StringLength(200), NoControlCharacters] string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    [Range(1, 100_000)] int? Capacity = null, [Range(0, 24 * 60)] int? PreBookingMinutes = null,
    [StringLength(RoomSession.MaxHandoutNote), NoControlCharacters] string? HandoutNote = null);

public sealed record SessionResponse(int Id, int RoomId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int? Capacity, int? PreBookingMinutes, int Booked, string? HandoutNote = null);

/// <summary>At most <see cref="MaxAttendees"/> a request: a master class, not a whole fair, per call.</summary>
public sealed record BookingRequest([Required, MaxLength(BookingRequest.MaxAttendees)] int[] AttendeeIds)
{
    public const int MaxAttendees = 10_000;
}

/// <summary>The schedule of a room (sessions) and seats booked in advance.</summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapFeature("/api/events/{eventId:int}/rooms/{roomId:int}/sessions", "Rooms");

        sessions.MapPost("/", async Task<Results<Created<SessionResponse>, ProblemHttpResult>> (int eventId, int roomId, SessionRequest request, KioskDb db) =>
        {
            if (!await db.Rooms.AnyAsync(r => r.Id == roomId && r.EventId == eventId)) return Problems.NotFound("Room");
            if (request.EndsAt <= request.StartsAt) return Problems.Invalid("session-times", "A session must end after it starts.");
            var session = new RoomSession
            {
                EventId = eventId, RoomId = roomId, Title = request.Title.Trim(), StartsAt = request.StartsAt.ToUniversalTime(),
                EndsAt = request.EndsAt.ToUniversalTime(), Capacity = request.Capacity, PreBookingMinutes = request.PreBookingMinutes,
                HandoutNote = Events.HandoutEndpoints.Normalise(request.HandoutNote),
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            return TypedResults.Created($"/api/events/{eventId}/rooms/{roomId}/sessions/{session.Id}", View(session, 0));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("CreateSession").WithSummary("Schedule a session in a room")
            .WithDescription("`{title, startsAt, endsAt, capacity?, preBookingMinutes?, handoutNote?}`: `capacity` is the session's own (else the room's); with `preBookingMinutes`, only booked attendees are let in until that many minutes before the start; `handoutNote` (at most 200 characters) is what its booked attendees are told at check-in.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/session-times`: the session does not end after it starts.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        sessions.MapGet("/", async (int eventId, int roomId, KioskDb db) =>
        {
            var list = await db.Sessions.AsNoTracking().Where(s => s.RoomId == roomId && s.EventId == eventId).OrderBy(s => s.StartsAt)
                .Select(s => new { Session = s, Booked = db.SessionBookings.Count(b => b.SessionId == s.Id) }).ToListAsync();
            return TypedResults.Ok(list.Select(x => View(x.Session, x.Booked)).ToList());
        }).RequireAuthorization(Policies.TerminalOrStaff)
            .WithName("ListSessions").WithSummary("The room's sessions in start order, with seats booked");

        // Adds bookings (e.g. from the registration system's master class choices); repeats change nothing.
        var oneSession = app.MapFeature("/api/sessions/{sessionId:int}", "Rooms");
        // Adds bookings (e.g. from the registration system's master class choices); repeats change nothing. The newly
        // booked attendees' roster rows change (kiosks print their programme on the badge).
        oneSession.MapPost("/bookings", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (
            int sessionId, BookingRequest request, KioskDb db, WriteGate writes, Terminals.TerminalPushes pushes, CancellationToken ct) =>
        {
            var session = await db.Sessions.FindAsync([sessionId], ct);
            if (session is null) return Problems.NotFound("Session");
            var ids = request.AttendeeIds.Distinct().ToList();
            var known = await db.Attendees.Where(a => a.EventId == session.EventId && ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
            if (known.Count != ids.Count) return Problems.Invalid("booking-attendees", "Some attendees are not registered for this event.");
            var seq = await Attendees.RosterChanges.WriteAsync(db, writes, session.EventId, async seq =>
            {
                var existing = await db.SessionBookings.Where(b => b.SessionId == sessionId && ids.Contains(b.AttendeeId)).Select(b => b.AttendeeId).ToListAsync(ct);
                var added = ids.Except(existing).ToList();
                if (added.Count == 0) return false;
                db.SessionBookings.AddRange(added.Select(id => new SessionBooking { SessionId = sessionId, AttendeeId = id }));
                await db.Attendees.Where(a => added.Contains(a.Id)).ExecuteUpdateAsync(a => a.SetProperty(x => x.RosterSeq, seq), ct);
                return true;
            }, ct);
            if (seq is { } changed) await pushes.RosterChangedAsync(session.EventId, changed);
            return TypedResults.Ok(View(session, await db.SessionBookings.CountAsync(b => b.SessionId == sessionId, ct)));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("BookSessionSeats").WithSummary("Book seats in a session for attendees")
            .WithDescription("`{attendeeIds: […]}`, at most 10,000 a request (e.g. from the registration system's master class choices); repeats change nothing.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/booking-attendees`: some attendees are not registered for the session's event.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        oneSession.MapPut("/handout", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (
            int sessionId, Events.HandoutNoteRequest request, KioskDb db, WriteGate writes, Terminals.TerminalPushes pushes, Audit.AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            var current = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (current is null) return Problems.NotFound("Session");
            var note = Events.HandoutEndpoints.Normalise(request.Note);
            var booked = db.SessionBookings.Where(b => b.SessionId == sessionId).Select(b => b.AttendeeId);
            // The note travels in each booked attendee's roster row: they change with it, in one transaction.
            var seq = note == current.HandoutNote ? null : await Attendees.RosterChanges.WriteAsync(db, writes, current.EventId, async seq =>
            {
                await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.HandoutNote, note), ct);
                await db.Attendees.Where(a => booked.Contains(a.Id)).ExecuteUpdateAsync(a => a.SetProperty(x => x.RosterSeq, seq), ct);
                audit.Add(http.User.Actor(), "session.handout-changed", current.EventId, details: $"session {sessionId}: {(note is null ? "removed" : "set")}");
                return true;
            }, ct);
            if (seq is { } changed) await pushes.RosterChangedAsync(current.EventId, changed);
            current.HandoutNote = note;
            return TypedResults.Ok(View(current, await booked.CountAsync(ct)));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("SetSessionHandout").WithSummary("Set or remove the handout note of a session")
            .WithDescription("`{note}` (at most 200 characters; empty or null removes it): shown and spoken on the kiosk's welcome screen to the session's booked attendees, with its time and room. Their roster rows change, so kiosks have it at the next sync (`rosterChanged`); audited `session.handout-changed`.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static SessionResponse View(RoomSession s, int booked) =>
        new(s.Id, s.RoomId, s.Title, s.StartsAt, s.EndsAt, s.Capacity, s.PreBookingMinutes, booked, s.HandoutNote);
}
