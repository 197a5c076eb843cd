using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Rooms;

public sealed record SessionRequest(
    [Required, StringLength(200), NoControlCharacters] string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    [Range(1, 100_000)] int? Capacity = null, [Range(0, 24 * 60)] int? PreBookingMinutes = null);

public sealed record SessionResponse(int Id, int RoomId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int? Capacity, int? PreBookingMinutes, int Booked);

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
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            return TypedResults.Created($"/api/events/{eventId}/rooms/{roomId}/sessions/{session.Id}", View(session, 0));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("CreateSession").WithSummary("Schedule a session in a room")
            .WithDescription("`{title, startsAt, endsAt, capacity?, preBookingMinutes?}`: `capacity` is the session's own (else the room's); with `preBookingMinutes`, only booked attendees are let in until that many minutes before the start.")
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
        app.MapFeature("/api/sessions/{sessionId:int}", "Rooms").MapPost("/bookings", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (int sessionId, BookingRequest request, KioskDb db) =>
        {
            var session = await db.Sessions.FindAsync(sessionId);
            if (session is null) return Problems.NotFound("Session");
            var ids = request.AttendeeIds.Distinct().ToList();
            var known = await db.Attendees.Where(a => a.EventId == session.EventId && ids.Contains(a.Id)).Select(a => a.Id).ToListAsync();
            if (known.Count != ids.Count) return Problems.Invalid("booking-attendees", "Some attendees are not registered for this event.");
            var existing = await db.SessionBookings.Where(b => b.SessionId == sessionId && ids.Contains(b.AttendeeId)).Select(b => b.AttendeeId).ToListAsync();
            db.SessionBookings.AddRange(ids.Except(existing).Select(id => new SessionBooking { SessionId = sessionId, AttendeeId = id }));
            await db.SaveChangesAsync();
            return TypedResults.Ok(View(session, await db.SessionBookings.CountAsync(b => b.SessionId == sessionId)));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("BookSessionSeats").WithSummary("Book seats in a session for attendees")
            .WithDescription("`{attendeeIds: […]}`, at most 10,000 a request (e.g. from the registration system's master class choices); repeats change nothing.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/booking-attendees`: some attendees are not registered for the session's event.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static SessionResponse View(RoomSession s, int booked) =>
        new(s.Id, s.RoomId, s.Title, s.StartsAt, s.EndsAt, s.Capacity, s.PreBookingMinutes, booked);
}
