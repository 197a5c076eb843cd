using System.Security.Claims;
using Kiosk.Server.Attendees;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.CheckIn;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Rooms;

/// <summary>
/// Entries and exits at room doors. Each scan is appended to the presence log and, in the same
/// transaction, moves the room's count with a guarded update: "+1 while below capacity" and "−1 while
/// above zero". The database row lock (or SQLite's single writer) makes those guards exact under any
/// number of parallel scans; a repeated client scan id hits the log's unique index and gets its first answer.
/// </summary>
public sealed class PresenceRecorder(KioskDb db, BadgeCheck badges, WriteGate writes, Dashboard.LiveUpdates live, TimeProvider time)
{
    /// <summary>The door's rules at the moment of a scan.</summary>
    private sealed record Door(int RoomId, int EventId, int Capacity, RoomSession? Session, bool? Booked, DateTimeOffset At);

    private sealed record Person(AttendeeSummary Summary, AttendeeStatus Status, int BadgeVersion, bool CheckedIn);

    /// <summary>Null when the room does not exist (or belongs to another event than the terminal's).</summary>
    public async Task<PresenceResponse?> ScanAsync(PresenceRequest request, ClaimsPrincipal actor, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.RoomId, ct);
        if (room is null || (actor.TerminalEventId() is { } ev && room.EventId != ev)) return null;
        if (await ReplayAsync(request.ClientScanId, ct) is { } replay) return replay;

        Person? person = null;
        if (!request.Anonymous)
        {
            var (found, refusal) = await FindAsync(request, room.EventId, ct);
            if (found is null) return await AnswerAsync(request.ClientScanId, refusal, room.Id, null, null, ct);
            if (found.Status == AttendeeStatus.Cancelled) refusal = PresenceDecision.Cancelled;
            if (refusal != PresenceDecision.Admitted) return await AnswerAsync(request.ClientScanId, refusal, room.Id, null, found.Summary, ct);
            person = found;
        }

        var now = CheckInRules.ToMicroseconds(time.GetUtcNow());
        var scannedAt = request.ScannedAt == default ? now : CheckInRules.ToMicroseconds(request.ScannedAt.ToUniversalTime());
        var late = PresenceRules.IsLate(scannedAt, now);
        // The rules at the door are those of the session when the person came (the scan time, for late uploads).
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.RoomId == room.Id && s.EndsAt > scannedAt.AddDays(-1)).ToListAsync(ct);
        var session = PresenceRules.SessionAtDoor(sessions, scannedAt);
        bool? booked = person is null || session?.PreBookingMinutes is null ? null
            : await db.SessionBookings.AnyAsync(b => b.SessionId == session.Id && b.AttendeeId == person.Summary.Id, ct);
        var door = new Door(room.Id, room.EventId, session?.Capacity ?? room.Capacity, session, booked, scannedAt);
        PresenceScan entry;
        int? leftRoom = null;
        try
        {
            using (await writes.EnterAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                (entry, leftRoom) = await DecideAndCountAsync(request, door, person, late, ct);
                entry.ScannedAt = scannedAt;
                entry.ReceivedAt = now;
                entry.TerminalId = actor.TerminalId();
                entry.StaffUserId = actor.UserId();
                db.PresenceLog.Add(entry);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return (await ReplayAsync(request.ClientScanId, ct))!;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        var answer = await AnswerAsync(request.ClientScanId, entry.Decision, room.Id, entry.Conflict, person?.Summary, ct);
        if (entry.Counted) await live.OccupancyChangedAsync(room.EventId, answer.Room);
        if (leftRoom is { } left) await live.OccupancyChangedAsync(room.EventId, (await AnswerAsync(request.ClientScanId, entry.Decision, left, null, null, ct)).Room);
        return answer;
    }

    /// <summary>The log entry, and the room the person left by entering this one (if any).</summary>
    private async Task<(PresenceScan, int?)> DecideAndCountAsync(PresenceRequest request, Door door, Person? person, bool late, CancellationToken ct)
    {
        var (roomId, eventId) = (door.RoomId, door.EventId);
        var entry = new PresenceScan { ClientScanId = request.ClientScanId, EventId = eventId, RoomId = roomId, AttendeeId = person?.Summary.Id };
        // One person's scans are decided one after the other: this no-op update takes the attendee's row lock
        // until commit, so a second door (PostgreSQL, SQL Server) waits instead of also reading "not inside"
        // and counting the person twice. On SQLite the write gate already serialises every scan.
        if (person is not null)
            await db.Attendees.Where(a => a.Id == person.Summary.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, a => a.UpdatedAt), ct);
        // Where the log has this person now: their last counted entry or exit, read after that lock.
        var currentRoom = person is null ? null : await CurrentRoomAsync(person.Summary.Id, ct);
        var direction = person is null && request.Direction == PresenceDirection.Toggle ? PresenceDirection.In
            : PresenceRules.Resolve(request.Direction, currentRoom == roomId);
        entry.Direction = direction;

        if (direction == PresenceDirection.Out)
        {
            if (person is not null && currentRoom != roomId) { entry.Decision = PresenceDecision.NotInside; return (entry, null); }
            entry.Counted = await LeaveAsync(roomId, ct);
            entry.Decision = entry.Counted ? PresenceDecision.Left : PresenceDecision.NotInside;
            return (entry, null);
        }

        if (currentRoom == roomId) { entry.Decision = PresenceDecision.Admitted; return (entry, null); } // already inside: no second count
        // Entering here may also leave the room the person is in. Two people swapping rooms at once would take
        // the two room rows in opposite order and deadlock; taking them in id order first makes one wait instead.
        if (currentRoom is { } from)
            foreach (var id in new[] { from, roomId }.Order())
                await db.Rooms.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Inside, r => r.Inside), ct);
        (entry.Decision, entry.Conflict) = person is null ? (PresenceDecision.Admitted, null) : PresenceRules.Entry(person.CheckedIn, late);
        if (entry.Decision != PresenceDecision.Admitted) return (entry, null);
        var (booking, bookingConflict) = PresenceRules.Booking(door.Session, door.Booked, door.At, late);
        if (booking != PresenceDecision.Admitted) { entry.Decision = booking; return (entry, null); }
        entry.Conflict = ScanConflict.Join(entry.Conflict, bookingConflict);

        entry.Counted = await EnterAsync(roomId, door.Capacity, ct);
        if (!entry.Counted)
        {
            var (decision, conflict) = PresenceRules.WhenFull(late);
            entry.Decision = decision;
            entry.Conflict = ScanConflict.Join(entry.Conflict, conflict);
            if (entry.Decision == PresenceDecision.Admitted) entry.Counted = await EnterAsync(roomId, capacity: null, ct);
        }
        if (entry.Counted && currentRoom is { } previous)
        {
            // Entering room B ends the presence in room A: the log says so with an entry of its own.
            db.PresenceLog.Add(new PresenceScan
            {
                EventId = eventId, RoomId = previous, AttendeeId = person!.Summary.Id, Direction = PresenceDirection.Out,
                Decision = PresenceDecision.Left, Counted = await LeaveAsync(previous, ct),
                ScannedAt = CheckInRules.ToMicroseconds(time.GetUtcNow()), ReceivedAt = CheckInRules.ToMicroseconds(time.GetUtcNow()),
            });
            return (entry, previous);
        }
        return (entry, null);
    }

    /// <summary>+1 while below <paramref name="capacity"/>; null: unconditionally (a late upload: they are already in).</summary>
    private async Task<bool> EnterAsync(int roomId, int? capacity, CancellationToken ct) =>
        await db.Rooms.Where(r => r.Id == roomId && (capacity == null || r.Inside < capacity))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Inside, r => r.Inside + 1).SetProperty(r => r.OccupancySeq, r => r.OccupancySeq + 1), ct) == 1;

    private async Task<bool> LeaveAsync(int roomId, CancellationToken ct) =>
        await db.Rooms.Where(r => r.Id == roomId && r.Inside > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Inside, r => r.Inside - 1).SetProperty(r => r.OccupancySeq, r => r.OccupancySeq + 1), ct) == 1;

    private async Task<int?> CurrentRoomAsync(int attendeeId, CancellationToken ct)
    {
        var last = await db.PresenceLog.AsNoTracking().Where(p => p.AttendeeId == attendeeId && p.Counted)
            .OrderByDescending(p => p.Id).Select(p => new { p.RoomId, p.Direction }).FirstOrDefaultAsync(ct);
        return last is { Direction: PresenceDirection.In } ? last.RoomId : null;
    }

    private async Task<(Person?, PresenceDecision)> FindAsync(PresenceRequest request, int eventId, CancellationToken ct)
    {
        int? scannedVersion = null;
        IQueryable<Attendee> query;
        if (request.Token is not null)
        {
            var (claims, refusal) = await badges.ReadAsync(request.Token, eventId, ct);
            if (claims is null) return (null, refusal == BadgeCheck.Refusal.WrongEvent ? PresenceDecision.WrongEvent : PresenceDecision.Invalid);
            scannedVersion = claims.BadgeVersion;
            query = db.Attendees.Where(a => a.Badge!.Id == claims.BadgeId);
        }
        else query = db.Attendees.Where(a => a.Id == request.AttendeeId && a.EventId == eventId);

        var person = await query.AsNoTracking()
            .Select(a => new Person(new AttendeeSummary(a.Id, a.Title, a.FirstName, a.LastName, a.Organization, a.Category), a.Status, a.Badge!.Version, a.CheckedInAt != null))
            .FirstOrDefaultAsync(ct);
        if (person is null) return (null, PresenceDecision.Unknown);
        return (person, scannedVersion is { } v && v != person.BadgeVersion ? PresenceDecision.Revoked : PresenceDecision.Admitted);
    }

    private async Task<PresenceResponse?> ReplayAsync(Guid clientScanId, CancellationToken ct)
    {
        var stored = await db.PresenceLog.AsNoTracking().Where(p => p.ClientScanId == clientScanId)
            .Select(p => new { p.Decision, p.RoomId, p.Conflict, p.AttendeeId }).FirstOrDefaultAsync(ct);
        if (stored is null) return null;
        var summary = stored.AttendeeId is null ? null : await db.Attendees.AsNoTracking().Where(a => a.Id == stored.AttendeeId)
            .Select(a => new AttendeeSummary(a.Id, a.Title, a.FirstName, a.LastName, a.Organization, a.Category)).FirstAsync(ct);
        return await AnswerAsync(clientScanId, stored.Decision, stored.RoomId, stored.Conflict, summary, ct);
    }

    private async Task<PresenceResponse> AnswerAsync(Guid clientScanId, PresenceDecision decision, int roomId, ScanConflict? conflict, AttendeeSummary? person, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == roomId)
            .Select(r => new RoomOccupancy(r.Id, r.Name, r.Kind.ToString(), r.Capacity, r.Inside, r.OccupancySeq)).FirstAsync(ct);
        return new PresenceResponse(clientScanId, decision, room, conflict, person);
    }
}
