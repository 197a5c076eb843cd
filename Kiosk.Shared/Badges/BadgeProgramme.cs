using System.Globalization;
using Kiosk.Shared.Contracts;

namespace Kiosk.Shared.Badges;

/// <summary>
/// The badge's programme block: one small line per booked session, "10:30 Raum Ruhr · KI in der Verwaltung", at the
/// venue's local time (24 h; with the date in front when the sessions fall on more than one day), cut to the line's
/// width; at most <see cref="MaxLines"/> sessions, then "+2 weitere".
/// </summary>
public static class BadgeProgramme
{
    public const int MaxLines = 4;

    public static List<string> Lines(IReadOnlyList<BookedSession> sessions, string? timeZone, string language, int columns)
    {
        var zone = Zone(timeZone);
        var ordered = sessions.OrderBy(s => s.StartsAt).ToList();
        var local = ordered.Select(s => TimeZoneInfo.ConvertTime(s.StartsAt, zone)).ToList();
        var days = local.Select(t => t.Date).Distinct().Count() > 1;
        var lines = ordered.Take(MaxLines).Select((s, i) =>
            Fit($"{local[i].ToString(days ? "dd.MM. HH:mm" : "HH:mm", CultureInfo.InvariantCulture)} {s.Room.Trim()} · {s.Title.Trim()}", columns)).ToList();
        if (ordered.Count > MaxLines) lines.Add(language == "en" ? $"+{ordered.Count - MaxLines} more" : $"+{ordered.Count - MaxLines} weitere");
        return lines;
    }

    /// <summary>The event's zone; a zone this PC does not know prints UTC rather than nothing.</summary>
    public static TimeZoneInfo Zone(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The text within <paramref name="columns"/> cells; a longer one is cut and ends in "...".</summary>
    public static string Fit(string text, int columns)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (BadgeLayout.Cells(flat) <= columns) return flat;
        return flat[..BadgeLayout.Prefix(flat, columns - 3)].TrimEnd() + "...";
    }
}
