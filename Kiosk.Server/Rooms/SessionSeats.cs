using System.Text.Json.Serialization;
using Hangfire;
using Kiosk.Server.Attendees;
using Kiosk.Server.Data;
using Kiosk.Server.Mail;
using Kiosk.Server.Registrations;
using Kiosk.Server.Terminals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Rooms;

[JsonConverter(typeof(JsonStringEnumConverter<SeatStatus>))]
public enum SeatStatus
{
    /// <summary>Has a seat.</summary>
    [JsonStringEnumMemberName("booked")] Booked = 0,

    /// <summary>Was first on the waitlist when a seat became free: holds it until the offer runs out unless taken.</summary>
    [JsonStringEnumMemberName("offered")] Offered = 1,

    /// <summary>On the waitlist, at <see cref="BookingOutcome.Position"/> (1 is next).</summary>
    [JsonStringEnumMemberName("waitlisted")] Waitlisted = 2,
}

/// <summary>Where one attendee of a booking request stands afterwards.</summary>
public sealed record BookingOutcome(int AttendeeId, SeatStatus Status, int? Position = null, DateTimeOffset? OfferExpiresAt = null);

public enum SeatOfferOutcome
{
    Taken = 0,
    AlreadyTaken = 1,
    Declined = 2,

    /// <summary>The offer ran out (the seat went to the next) or the link is not one of ours.</summary>
    Gone = 3,
}

/// <summary>
/// THE rule for seats in a session: bookings get seats in the order they arrive until the capacity (the session's, else
/// the room's) is reached, then places on the waitlist in the same order. A free seat goes to the first on the waitlist
/// as an offer (mailed, held for <see cref="RegistrationOptions.SeatOfferHours"/>, never past the start), and an offer
/// that runs out goes to the next. Every change is one roster write (<see cref="RosterChanges.WriteAsync"/>), which locks
/// the event's row until commit: bookings of one event are decided one after another, so seats are never oversold on
/// any engine and the order of arrival is the order of the lock.
/// </summary>
public sealed class SessionSeats(
    KioskDb db, WriteGate writes, SeatGates gates, TerminalPushes pushes, IBackgroundJobClient jobs, IOptions<RegistrationOptions> options, TimeProvider time,
    ILogger<SessionSeats> log)
{
    // What the last write did that must be told once it committed (see AfterCommit).
    private bool _rosterTouched, _mailQueued;

    /// <summary>Books <paramref name="attendeeIds"/> in their order; with <paramref name="overbook"/> each gets a seat whatever the capacity.</summary>
    public async Task<IReadOnlyList<BookingOutcome>> BookAsync(RoomSession session, IReadOnlyList<int> attendeeIds, bool overbook, CancellationToken ct)
    {
        IReadOnlyList<BookingOutcome> outcomes = [];
        var changed = await WriteAsync(session, async (seats, seq) =>
        {
            outcomes = await BookIntoAsync(seats, session, attendeeIds, overbook, seq, ct);
            return outcomes.Count > 0;
        }, ct);
        await AfterOwnWriteAsync(session.EventId, changed);
        return outcomes;
    }

    /// <summary>
    /// Books inside a roster write the caller holds (a registration becoming an attendee): the same rule, in the same
    /// transaction. Call <see cref="AfterCommit"/> once it committed.
    /// </summary>
    public async Task<BookingOutcome> BookWithinAsync(RoomSession session, int attendeeId, long seq, CancellationToken ct)
    {
        IReadOnlyList<BookingOutcome> outcomes = [];
        await WithinAsync(session, seq, async (seats, _) =>
        {
            outcomes = await BookIntoAsync(seats, session, [attendeeId], false, seq, ct);
            return true;
        }, ct);
        return outcomes.Single();
    }

    private async Task<IReadOnlyList<BookingOutcome>> BookIntoAsync(Seats seats, RoomSession session, IReadOnlyList<int> attendeeIds, bool overbook, long seq, CancellationToken ct)
    {
        var outcomes = new List<BookingOutcome>();
        var now = time.GetUtcNow();
        var newlySeated = new List<int>();
        foreach (var id in attendeeIds.Distinct())
        {
            if (seats.Seated.TryGetValue(id, out var offer))
            {
                outcomes.Add(new(id, offer is null ? SeatStatus.Booked : SeatStatus.Offered, OfferExpiresAt: offer));
                continue;
            }
            var place = seats.Waiting.IndexOf(id);
            if (place >= 0 && !overbook)
            {
                outcomes.Add(new(id, SeatStatus.Waitlisted, place + 1));
                continue;
            }
            if (place >= 0)
            {
                await db.SessionWaitlist.Where(w => w.SessionId == session.Id && w.AttendeeId == id).ExecuteDeleteAsync(ct);
                seats.Waiting.RemoveAt(place);
            }
            if (overbook || seats.Free > 0)
            {
                db.SessionBookings.Add(new SessionBooking { SessionId = session.Id, AttendeeId = id });
                seats.Seated[id] = null;
                newlySeated.Add(id);
                outcomes.Add(new(id, SeatStatus.Booked));
                continue;
            }
            db.SessionWaitlist.Add(new SessionWaitlistEntry { SessionId = session.Id, AttendeeId = id, Place = ++seats.LastPlace, QueuedAt = now });
            seats.Waiting.Add(id);
            outcomes.Add(new(id, SeatStatus.Waitlisted, seats.Waiting.Count));
        }
        await TouchAsync(newlySeated, seq, ct);
        return outcomes;
    }

    /// <summary>Takes the attendee's seat or waitlist place away; a freed seat is offered to the first waiting. Null when there was neither.</summary>
    public async Task<SeatStatus?> CancelAsync(RoomSession session, int attendeeId, CancellationToken ct)
    {
        SeatStatus? had = null;
        var changed = await WriteAsync(session, async (seats, seq) =>
        {
            had = await LeaveAsync(seats, session, attendeeId, seq, ct);
            return had is not null;
        }, ct);
        await AfterOwnWriteAsync(session.EventId, changed);
        return had;
    }

    /// <summary>
    /// Inside a roster write the caller holds: attendees who left the event (cancelled by an import, erased) give up their
    /// seats and waitlist places in sessions still to come, and the seats go to the next waiting. Call <see cref="AfterCommit"/> once it committed.
    /// </summary>
    public async Task ReleaseWithinAsync(IReadOnlyCollection<int> attendeeIds, long seq, CancellationToken ct)
    {
        if (attendeeIds.Count == 0) return;
        // Sessions that have begun keep their bookings: they are what happened (reports, certificates).
        var now = time.GetUtcNow();
        var sessionIds = await db.SessionBookings.Where(b => attendeeIds.Contains(b.AttendeeId)).Select(b => b.SessionId)
            .Union(db.SessionWaitlist.Where(w => attendeeIds.Contains(w.AttendeeId)).Select(w => w.SessionId)).ToListAsync(ct);
        foreach (var session in await db.Sessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id) && s.StartsAt > now).ToListAsync(ct))
            await WithinAsync(session, seq, async (seats, _) =>
            {
                foreach (var id in attendeeIds) await LeaveAsync(seats, session, id, seq, ct);
                return true;
            }, ct);
    }

    /// <summary>The attendee takes or declines the seat they were offered, if the offer still holds.</summary>
    public async Task<SeatOfferOutcome> AnswerOfferAsync(RoomSession session, int attendeeId, bool take, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var offer = db.SessionBookings.Where(b => b.SessionId == session.Id && b.AttendeeId == attendeeId);
        if (take)
        {
            // One statement: the expiry job deletes only offers that ran out, so a seat is taken or gone, never both.
            if (await offer.Where(b => b.OfferExpiresAt != null && b.OfferExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.OfferExpiresAt, (DateTimeOffset?)null), ct) == 1) return SeatOfferOutcome.Taken;
            return await offer.AnyAsync(b => b.OfferExpiresAt == null, ct) ? SeatOfferOutcome.AlreadyTaken : SeatOfferOutcome.Gone;
        }
        if (!await offer.AnyAsync(b => b.OfferExpiresAt != null && b.OfferExpiresAt > now, ct)) return SeatOfferOutcome.Gone;
        return await CancelAsync(session, attendeeId, ct) is null ? SeatOfferOutcome.Gone : SeatOfferOutcome.Declined;
    }

    /// <summary>Every minute: offers that ran out free their seats for the next on each waitlist. Returns how many ran out.</summary>
    public async Task<int> ExpireOffersAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.SessionBookings.AsNoTracking().Where(b => b.OfferExpiresAt != null && b.OfferExpiresAt <= now)
            .Select(b => b.SessionId).Distinct().ToListAsync(ct);
        var expired = 0;
        foreach (var sessionId in due)
        {
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null) continue;
            var changed = await WriteAsync(session, async (seats, seq) =>
            {
                var gone = seats.Seated.Where(s => s.Value <= now).Select(s => s.Key).ToList();
                foreach (var id in gone) await LeaveAsync(seats, session, id, seq, ct);
                expired += gone.Count;
                return gone.Count > 0;
            }, ct);
            await AfterOwnWriteAsync(session.EventId, changed);
        }
        return expired;
    }

    /// <summary>The seat offered to the attendee, while the offer holds (for its mail and its page).</summary>
    public async Task<SeatOfferLetter?> OfferAsync(int sessionId, int attendeeId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.SessionBookings.AsNoTracking()
            .Where(b => b.SessionId == sessionId && b.AttendeeId == attendeeId && b.OfferExpiresAt != null && b.OfferExpiresAt > now)
            .Join(db.Sessions, b => b.SessionId, s => s.Id, (b, s) => new { b.OfferExpiresAt, s.Title, s.StartsAt, s.RoomId })
            .Join(db.Rooms, x => x.RoomId, r => r.Id, (x, r) => new SeatOfferLetter(x.Title, r.Name, x.StartsAt, x.OfferExpiresAt!.Value))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Where the attendee stands in each of these sessions (seat, offer or waitlist place), in start order, with the session's title.</summary>
    public async Task<IReadOnlyList<(int SessionId, string Session, BookingOutcome Outcome)>> StandingAsync(int attendeeId, IReadOnlyList<int> sessionIds, CancellationToken ct)
    {
        var sessions = await db.Sessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Title }).ToListAsync(ct);
        var seated = await db.SessionBookings.AsNoTracking().Where(b => b.AttendeeId == attendeeId && sessionIds.Contains(b.SessionId))
            .ToDictionaryAsync(b => b.SessionId, b => b.OfferExpiresAt, ct);
        var places = await db.SessionWaitlist.AsNoTracking().Where(w => w.AttendeeId == attendeeId && sessionIds.Contains(w.SessionId))
            .Select(w => new { w.SessionId, Position = db.SessionWaitlist.Count(o => o.SessionId == w.SessionId && o.Place <= w.Place) })
            .ToDictionaryAsync(w => w.SessionId, w => w.Position, ct);
        var standing = new List<(int, string, BookingOutcome)>();
        foreach (var s in sessions)
        {
            if (seated.TryGetValue(s.Id, out var offer))
                standing.Add((s.Id, s.Title, new(attendeeId, offer is null ? SeatStatus.Booked : SeatStatus.Offered, OfferExpiresAt: offer)));
            else if (places.TryGetValue(s.Id, out var position)) standing.Add((s.Id, s.Title, new(attendeeId, SeatStatus.Waitlisted, position)));
        }
        return standing;
    }

    /// <summary>What the organizer sees: seats (confirmed or offered) and the waitlist in order.</summary>
    public async Task<(IReadOnlyList<BookingOutcome> Seated, IReadOnlyList<BookingOutcome> Waitlisted)> ListAsync(int sessionId, CancellationToken ct)
    {
        var seated = await db.SessionBookings.AsNoTracking().Where(b => b.SessionId == sessionId).OrderBy(b => b.AttendeeId)
            .Select(b => new { b.AttendeeId, b.OfferExpiresAt }).ToListAsync(ct);
        var waiting = await db.SessionWaitlist.AsNoTracking().Where(w => w.SessionId == sessionId).OrderBy(w => w.Place).Select(w => w.AttendeeId).ToListAsync(ct);
        return (seated.Select(b => new BookingOutcome(b.AttendeeId, b.OfferExpiresAt is null ? SeatStatus.Booked : SeatStatus.Offered, OfferExpiresAt: b.OfferExpiresAt)).ToList(),
            waiting.Select((id, i) => new BookingOutcome(id, SeatStatus.Waitlisted, i + 1)).ToList());
    }

    /// <summary>The session's seats as they are inside the writing transaction (attendee → offer expiry, null when confirmed).</summary>
    private sealed class Seats(int? capacity, Dictionary<int, DateTimeOffset?> seated, List<int> waiting, long lastPlace)
    {
        public Dictionary<int, DateTimeOffset?> Seated { get; } = seated;
        public List<int> Waiting { get; } = waiting;
        public long LastPlace { get; set; } = lastPlace;
        public int Free => capacity is { } c ? Math.Max(0, c - Seated.Count) : int.MaxValue;
    }

    private async Task<long?> WriteAsync(RoomSession session, Func<Seats, long, Task<bool>> change, CancellationToken ct)
    {
        // One seat write of an event at a time in this server: the others wait here, not in the database holding a pooled
        // connection each while the event's row is locked (a rush on PostgreSQL ran the pool dry that way). The row lock
        // still orders the writes of several servers.
        using (await gates.EnterAsync(session.EventId, ct))
            return await RosterChanges.WriteAsync(db, writes, session.EventId, seq => WithinAsync(session, seq, change, ct), ct);
    }

    private async Task<bool> WithinAsync(RoomSession session, long seq, Func<Seats, long, Task<bool>> change, CancellationToken ct)
    {
        // Read after the roster write took the event's lock: what earlier bookings committed is all there.
        var capacity = session.Capacity ?? await db.Rooms.Where(r => r.Id == session.RoomId).Select(r => (int?)r.Capacity).SingleAsync(ct);
        var seated = await db.SessionBookings.Where(b => b.SessionId == session.Id).Select(b => new { b.AttendeeId, b.OfferExpiresAt }).ToListAsync(ct);
        var waiting = await db.SessionWaitlist.Where(w => w.SessionId == session.Id).OrderBy(w => w.Place).Select(w => new { w.AttendeeId, w.Place }).ToListAsync(ct);
        var seats = new Seats(capacity, seated.ToDictionary(b => b.AttendeeId, b => b.OfferExpiresAt), waiting.Select(w => w.AttendeeId).ToList(),
            waiting.Count == 0 ? 0 : waiting[^1].Place);
        // A seat that is free while people wait goes to them first: before the change (a larger capacity) and after it
        // (a cancellation, an offer run out).
        var before = await OfferFreeSeatsAsync(seats, session, seq, ct);
        var changed = await change(seats, seq);
        return await OfferFreeSeatsAsync(seats, session, seq, ct) || changed || before;
    }

    /// <summary>Removes the attendee's seat or place, inside <see cref="WriteAsync"/>.</summary>
    private async Task<SeatStatus?> LeaveAsync(Seats seats, RoomSession session, int attendeeId, long seq, CancellationToken ct)
    {
        if (seats.Seated.Remove(attendeeId, out var offer))
        {
            await db.SessionBookings.Where(b => b.SessionId == session.Id && b.AttendeeId == attendeeId).ExecuteDeleteAsync(ct);
            await TouchAsync([attendeeId], seq, ct);
            return offer is null ? SeatStatus.Booked : SeatStatus.Offered;
        }
        if (!seats.Waiting.Remove(attendeeId)) return null;
        await db.SessionWaitlist.Where(w => w.SessionId == session.Id && w.AttendeeId == attendeeId).ExecuteDeleteAsync(ct);
        return SeatStatus.Waitlisted;
    }

    private async Task<bool> OfferFreeSeatsAsync(Seats seats, RoomSession session, long seq, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = Min(now + TimeSpan.FromHours(options.Value.SeatOfferHours), session.StartsAt);
        // Once the session has begun, the door gives free seats to whoever comes.
        if (until <= now) return false;
        var offered = new List<int>();
        while (seats.Free > 0 && seats.Waiting.Count > 0)
        {
            var next = seats.Waiting[0];
            seats.Waiting.RemoveAt(0);
            await db.SessionWaitlist.Where(w => w.SessionId == session.Id && w.AttendeeId == next).ExecuteDeleteAsync(ct);
            var person = await db.Attendees.AsNoTracking().Where(a => a.Id == next).Select(a => new { a.Email, a.Status, a.AnonymisedAt }).SingleOrDefaultAsync(ct);
            if (person is null || person.Status == AttendeeStatus.Cancelled || person.AnonymisedAt is not null) continue;
            // Nobody to ask without an address: the seat is theirs.
            DateTimeOffset? expires = person.Email is null ? null : until;
            db.SessionBookings.Add(new SessionBooking { SessionId = session.Id, AttendeeId = next, OfferExpiresAt = expires });
            seats.Seated[next] = expires;
            offered.Add(next);
            if (expires is not null)
            {
                var language = await db.Registrations.Where(r => r.AttendeeId == next).Select(r => r.Language).FirstOrDefaultAsync(ct) ?? "de";
                db.RegistrationMails.Add(new RegistrationMail
                {
                    EventId = session.EventId, Kind = RegistrationMailKind.SeatOffered, AttendeeId = next, SessionId = session.Id, Language = language,
                    Status = ConfirmationMailStatus.Waiting, NextAttemptAt = now, CreatedAt = now,
                });
                _mailQueued = true;
            }
        }
        await TouchAsync(offered, seq, ct);
        return offered.Count > 0;
    }

    /// <summary>A seat is on the badge's programme: the attendee's roster row changes with it.</summary>
    private async Task TouchAsync(IReadOnlyCollection<int> attendeeIds, long seq, CancellationToken ct)
    {
        if (attendeeIds.Count == 0) return;
        await db.Attendees.Where(a => attendeeIds.Contains(a.Id)).ExecuteUpdateAsync(a => a.SetProperty(x => x.RosterSeq, seq), ct);
        _rosterTouched = true;
    }

    /// <summary>
    /// After a roster write the caller held (<see cref="BookWithinAsync"/>, <see cref="ReleaseWithinAsync"/>) committed:
    /// offer mails are sent. The caller tells the kiosks of its write, which holds the rows the seats touched.
    /// </summary>
    public void AfterCommit(long? seq)
    {
        if (seq is not null && _mailQueued) RegistrationMails.EnqueueNow(jobs, log);
        _rosterTouched = _mailQueued = false;
    }

    /// <summary>After this class's own write committed: kiosks are told of changed roster rows, and offer mails are sent.</summary>
    private async Task AfterOwnWriteAsync(int eventId, long? seq)
    {
        if (seq is { } committed && _rosterTouched) await pushes.RosterChangedAsync(eventId, committed);
        AfterCommit(seq);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>One seat write per event at a time in this server (see <see cref="SessionSeats"/>).</summary>
public sealed class SeatGates
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

    public async ValueTask<IDisposable> EnterAsync(int eventId, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(eventId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Pass(gate);
    }

    private sealed class Pass(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
