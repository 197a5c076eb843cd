namespace Kiosk.Server.Reports;

public enum CellKind { Text, Number, Decimal, Date, Time, DateTime }

public sealed record ReportColumn(string Header, CellKind Kind, double Width);

/// <summary>A report as a table: what the CSV and the XLSX writer both print, each in its own format.</summary>
public sealed record ReportTable(string Name, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>
    /// Text that a spreadsheet would read as a formula (or that Excel turns into one on editing): titles and
    /// names come from organizers and imports, so "=HYPERLINK(…)" must stay text.
    /// </summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}

/// <summary>The report rows laid out as tables, with German headers (the venue's language, as in the CSV import).</summary>
public static class ReportTables
{
    public static ReportTable Sessions(IReadOnlyList<SessionReportRow> rows) => new("Sitzungen",
    [
        new("Raum", CellKind.Text, 32), new("Titel", CellKind.Text, 44), new("Beginn", CellKind.DateTime, 17), new("Ende", CellKind.DateTime, 17),
        new("Kapazität", CellKind.Number, 10), new("Gebucht", CellKind.Number, 9), new("Warteliste", CellKind.Number, 11), new("Teilnehmende", CellKind.Number, 13),
        new("Höchstbelegung", CellKind.Number, 15), new("Höchstbelegung um", CellKind.Time, 18), new("Eintritte", CellKind.Number, 10),
        new("Austritte", CellKind.Number, 10), new("Gebucht und gekommen", CellKind.Number, 21), new("Gebucht, nicht gekommen", CellKind.Number, 23),
        new("Ø Minuten anwesend", CellKind.Decimal, 19),
    ], rows.Select(r => new object?[]
    {
        r.Room, r.Title, r.Starts, r.Ends, r.Capacity, r.Booked, r.Waitlisted, r.Attendance, r.Peak, r.PeakAt, r.Entries, r.Exits, r.BookedCame, r.BookedNotCame, r.AverageMinutes,
    }).ToList());

    public static ReportTable Rooms(IReadOnlyList<RoomDayRow> rows) => new("Räume",
    [
        new("Raum", CellKind.Text, 32), new("Tag", CellKind.Date, 12), new("Eintritte", CellKind.Number, 10), new("Austritte", CellKind.Number, 10),
        new("Personen", CellKind.Number, 10), new("Höchstbelegung", CellKind.Number, 15), new("Höchstbelegung um", CellKind.Time, 18),
    ], rows.Select(r => new object?[] { r.Room, r.Day, r.Entries, r.Exits, r.Attendees, r.Peak, r.PeakAt }).ToList());

    public static ReportTable Timeline(IReadOnlyList<TimelinePoint> rows) => new("Zeitverlauf",
    [
        new("Raum", CellKind.Text, 32), new("Zeit", CellKind.DateTime, 17), new("Anwesend", CellKind.Number, 10), new("UTC-Versatz", CellKind.Text, 12),
    ], rows.Select(r => new object?[] { r.Room, r.Slot.DateTime, r.Inside, r.Slot.ToString("zzz", System.Globalization.CultureInfo.InvariantCulture) }).ToList());
}
