using Kiosk.Server.Data;
using Kiosk.Server.Reports;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Certificates;

/// <summary>An attendee eligible for the confirmation of a session, and the whole minutes they were inside.</summary>
public sealed record EligibleAttendee(int AttendeeId, string? Title, string FirstName, string LastName, string? Organization, int MinutesPresent)
{
    public string DisplayName => Kiosk.Shared.Text.PersonNameRules.DisplayName(Title, FirstName, LastName);
}

/// <summary>A session with the people who earned its attendance confirmation.</summary>
public sealed record SessionCertificates(
    int SessionId, string Title, string Room, string EventName, string? Venue, string? City, TimeZoneInfo Zone,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, double MinimumShare, IReadOnlyList<EligibleAttendee> Eligible)
{
    /// <summary>Null when the session does not exist.</summary>
    public static async Task<SessionCertificates?> LoadAsync(KioskDb db, int sessionId, double minimumShare, CancellationToken ct)
    {
        var found = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new
            {
                Session = s,
                Room = db.Rooms.Where(r => r.Id == s.RoomId).Select(r => r.Name).First(),
                Event = db.Events.First(e => e.Id == s.EventId),
            }).FirstOrDefaultAsync(ct);
        if (found is null) return null;
        var s = found.Session;
        // The room's counted log up to the session's end; entries before it may still be open at its start.
        var log = await db.PresenceLog.AsNoTracking().Where(p => p.RoomId == s.RoomId && p.Counted && p.AttendeeId != null && p.ScannedAt < s.EndsAt)
            .Select(p => new LogRow(p.Id, p.RoomId, p.AttendeeId, p.Direction, p.ScannedAt)).ToListAsync(ct);
        var eligible = PresenceReport.MinutesPresent(log, s.StartsAt, s.EndsAt)
            .Where(p => PresenceReport.Eligible(p.Value, s.StartsAt, s.EndsAt, minimumShare))
            .ToDictionary(p => p.Key, p => (int)Math.Floor(p.Value.TotalMinutes));
        var ids = eligible.Keys.ToList();
        var people = await db.Attendees.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.FirstName, a.LastName, a.Organization }).ToListAsync(ct);
        return new SessionCertificates(s.Id, s.Title, found.Room, found.Event.Name, found.Event.Venue, found.Event.City,
            TimeZoneInfo.FindSystemTimeZoneById(found.Event.TimeZone), s.StartsAt, s.EndsAt, minimumShare,
            people.Select(p => new EligibleAttendee(p.Id, p.Title, p.FirstName, p.LastName, p.Organization, eligible[p.Id]))
                .OrderBy(p => p.LastName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("de-DE"), true)).ThenBy(p => p.FirstName).ToList());
    }
}
