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

/// <summary>A session with its seats: <see cref="Booked"/> held (confirmed or offered), <see cref="Waitlisted"/> waiting; a booking's answer says where each attendee stands.</summary>
public sealed record SessionResponse(
    int Id, int RoomId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int? Capacity, int? PreBookingMinutes, int Booked, string? HandoutNote = null,
    int Waitlisted = 0, IReadOnlyList<BookingOutcome>? Attendees = null);

/// <summary>A session's seats and its waitlist in order (position 1 is next).</summary>
public sealed record SessionBookingsResponse(SessionResponse Session, IReadOnlyList<BookingOutcome> Booked, IReadOnlyList<BookingOutcome> Waitlisted);

/// <summary>
/// At most <see cref="MaxAttendees"/> a request: a master class, not a whole fair, per call. <see cref="Overbook"/>: each gets a
/// seat whatever the capacity (the organizer's decision), else the capacity holds and the rest go on the waitlist.
/// </summary>
public sealed record BookingRequest([Required, MaxLength(BookingRequest.MaxAttendees)] int[] AttendeeIds, bool Overbook = false)
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
                .Select(s => new { Session = s, Booked = db.SessionBookings.Count(b => b.SessionId == s.Id), Waitlisted = db.SessionWaitlist.Count(w => w.SessionId == s.Id) })
                .ToListAsync();
            return TypedResults.Ok(list.Select(x => View(x.Session, x.Booked, x.Waitlisted)).ToList());
        }).RequireAuthorization(Policies.TerminalOrStaff)
            .WithName("ListSessions").WithSummary("The room's sessions in start order, with seats booked and places on the waitlist");

        var oneSession = app.MapFeature("/api/sessions/{sessionId:int}", "Rooms");
        // Adds bookings (e.g. from the registration system's master class choices) by the one seat rule (SessionSeats); repeats
        // change nothing. The newly seated attendees' roster rows change (kiosks print their programme on the badge).
        oneSession.MapPost("/bookings", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (
            int sessionId, BookingRequest request, KioskDb db, SessionSeats seats, CancellationToken ct) =>
        {
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) return Problems.NotFound("Session");
            var ids = request.AttendeeIds.Distinct().ToList();
            var known = await db.Attendees.Where(a => a.EventId == session.EventId && ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
            if (known.Count != ids.Count) return Problems.Invalid("booking-attendees", "Some attendees are not registered for this event.");
            var outcomes = await seats.BookAsync(session, ids, request.Overbook, ct);
            return TypedResults.Ok(await ViewAsync(db, session, ct) with { Attendees = outcomes });
        }).RequireAuthorization(Policies.Organizer)
            .WithName("BookSessionSeats").WithSummary("Book seats in a session for attendees")
            .WithDescription("`{attendeeIds: […], overbook?}`, at most 10,000 a request (e.g. from the registration system's master class choices). Seats go in the order " +
                "the list gives, up to the session's capacity (else the room's); the rest go on the waitlist. `overbook: true` seats them all. The answer is the session " +
                "with `attendees: [{attendeeId, status: booked|offered|waitlisted, position?}]`; repeats change nothing and answer where each stands.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/booking-attendees`: some attendees are not registered for the session's event.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        oneSession.MapGet("/bookings", async Task<Results<Ok<SessionBookingsResponse>, ProblemHttpResult>> (int sessionId, KioskDb db, SessionSeats seats, CancellationToken ct) =>
        {
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) return Problems.NotFound("Session");
            var (booked, waitlisted) = await seats.ListAsync(sessionId, ct);
            return TypedResults.Ok(new SessionBookingsResponse(await ViewAsync(db, session, ct), booked, waitlisted));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("ListSessionBookings").WithSummary("A session's booked seats and its waitlist in order")
            .WithDescription("`{session, booked: [{attendeeId, status: booked|offered, offerExpiresAt?}], waitlisted: [{attendeeId, status: waitlisted, position}]}`. " +
                "`offered`: the seat became free and waits for the first on the waitlist to take it (mailed) until `offerExpiresAt`.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        oneSession.MapDelete("/bookings/{attendeeId:int}", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (
            int sessionId, int attendeeId, KioskDb db, SessionSeats seats, Audit.AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) return Problems.NotFound("Session");
            if (await seats.CancelAsync(session, attendeeId, ct) is not { } had) return Problems.NotFound("Booking");
            await audit.WriteAsync(http.User.Actor(), "session.booking-cancelled", session.EventId, attendeeId, details: $"session {sessionId}: {had.ToString().ToLowerInvariant()}");
            return TypedResults.Ok(await ViewAsync(db, session, ct));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("CancelSessionBooking").WithSummary("Cancel an attendee's seat or waitlist place")
            .WithDescription("A freed seat is offered to the first on the waitlist at once: they are mailed a link and hold the seat for `Registration:SeatOfferHours` " +
                "(never past the start); if they do not take it, it goes to the next. Audited `session.booking-cancelled`.")
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
            return TypedResults.Ok(await ViewAsync(db, current, ct));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("SetSessionHandout").WithSummary("Set or remove the handout note of a session")
            .WithDescription("`{note}` (at most 200 characters; empty or null removes it): shown and spoken on the kiosk's welcome screen to the session's booked attendees, with its time and room. Their roster rows change, so kiosks have it at the next sync (`rosterChanged`); audited `session.handout-changed`.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static SessionResponse View(RoomSession s, int booked, int waitlisted = 0) =>
        new(s.Id, s.RoomId, s.Title, s.StartsAt, s.EndsAt, s.Capacity, s.PreBookingMinutes, booked, s.HandoutNote, waitlisted);

    private static async Task<SessionResponse> ViewAsync(KioskDb db, RoomSession s, CancellationToken ct) =>
        View(s, await db.SessionBookings.CountAsync(b => b.SessionId == s.Id, ct), await db.SessionWaitlist.CountAsync(w => w.SessionId == s.Id, ct));
}
