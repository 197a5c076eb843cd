using System.Globalization;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// One handout note on the welcome screen: the organizer's text as written, and for a session's note the session's
/// local start time ("10:30", with the date when it is not today), room and title.
/// </summary>
public sealed record HandoutNote(string Text, string? Time = null, string? Room = null, string? Session = null);

/// <summary>
/// What a visitor is told and given at check-in besides the badge: the handout notes (their category's first, then
/// each booked session's that has one, in start order) and the programme the badge lists. Sessions already over are
/// left out of both.
/// </summary>
public static class Handouts
{
    public static IReadOnlyList<BookedSession> Upcoming(RosterPerson person, DateTimeOffset now) =>
        person.Sessions is { Count: > 0 } sessions ? sessions.Where(s => s.EndsAt > now).OrderBy(s => s.StartsAt).ToList() : [];

    /// <summary>The notes for the welcome screen; null when there are none (the screen shows nothing extra).</summary>
    public static IReadOnlyList<HandoutNote>? Notes(RosterPerson person, TerminalProfile profile, DateTimeOffset now)
    {
        var notes = new List<HandoutNote>();
        if (profile.Handouts?.FirstOrDefault(h => h.Category == person.Category) is { Note: { Length: > 0 } categoryNote })
            notes.Add(new HandoutNote(categoryNote));
        var zone = BadgeProgramme.Zone(profile.TimeZone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        foreach (var s in Upcoming(person, now).Where(s => !string.IsNullOrWhiteSpace(s.HandoutNote)))
        {
            var start = TimeZoneInfo.ConvertTime(s.StartsAt, zone);
            var time = start.ToString(start.Date == today ? "HH:mm" : "dd.MM. HH:mm", CultureInfo.InvariantCulture);
            notes.Add(new HandoutNote(s.HandoutNote!.Trim(), time, s.Room, s.Title));
        }
        return notes.Count == 0 ? null : notes;
    }

    /// <summary>The badge with the visitor's programme block (their sessions still to come, in the event's time zone).</summary>
    public static BadgePrint WithProgramme(this BadgePrint badge, RosterPerson person, TerminalProfile profile, DateTimeOffset now) =>
        Upcoming(person, now) is { Count: > 0 } sessions ? badge with { Sessions = sessions, TimeZone = profile.TimeZone } : badge;
}
