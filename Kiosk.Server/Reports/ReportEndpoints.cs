using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiosk.Server.Reports;

public sealed record TimelineResponse(int EventId, string TimeZone, IReadOnlyList<DateOnly> Days, DateOnly? Day, IReadOnlyList<RoomTimeline> Rooms);

public sealed record RoomTimeline(int RoomId, string Name, int Capacity, IReadOnlyList<TimelineValue> Points);

/// <summary>
/// Venue time of the quarter hour ("HH:mm") and the most people inside during it; <see cref="At"/> is the same
/// moment with its UTC offset (on the day of the autumn clock change, "02:15" comes twice).
/// </summary>
public sealed record TimelineValue(string Time, int Inside, DateTimeOffset At);

public sealed record SessionSummary(int SessionId, int RoomId, string Room, bool MasterClass, string Title, DateTime Starts, DateTime Ends,
    int Capacity, int Booked, int Attendance, int Peak, DateTime PeakAt, int BookedNotCame, double AverageMinutes, int Waitlisted = 0);

/// <summary>
/// Reports of an event, computed on each request from the presence log. A direct GET: the demo event (nine
/// rooms, 2,000 attendees) with 18,000 log rows takes 0.1–0.35 s per report on SQLite; a background job
/// would pay off only for far bigger logs.
/// </summary>
public static class ReportEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Csv = "text/csv; charset=utf-8";

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapFeature("/api/events/{eventId:int}/reports", "Reports").RequireAuthorization(Policies.Organizer);
        const string perSession = "Per session: room, title, start and end (venue time), capacity, booked, attendees, peak and when, entries, exits, booked and came / did not come, average minutes present.";
        const string perRoom = "Per room and day: entries, exits, people, peak and when.";

        reports.MapGet("/sessions.csv", (int eventId, KioskDb db, CancellationToken ct) =>
            FileAsync(db, eventId, "sitzungen.csv", Csv, d => CsvReport.Write(ReportTables.Sessions(d.SessionRows())), ct))
            .WithName("GetSessionReportCsv").WithSummary("The session report as CSV").WithDescription(perSession)
            .ProducesFile(Csv).ProducesProblems(StatusCodes.Status404NotFound);
        reports.MapGet("/sessions.xlsx", (int eventId, KioskDb db, CancellationToken ct) =>
            FileAsync(db, eventId, "sitzungen.xlsx", Xlsx, d => XlsxReport.Write(ReportTables.Sessions(d.SessionRows())), ct))
            .WithName("GetSessionReportXlsx").WithSummary("The session report as an Excel workbook").WithDescription(perSession)
            .ProducesFile(Xlsx).ProducesProblems(StatusCodes.Status404NotFound);
        reports.MapGet("/rooms.csv", (int eventId, KioskDb db, CancellationToken ct) =>
            FileAsync(db, eventId, "raeume.csv", Csv, d => CsvReport.Write(ReportTables.Rooms(d.RoomRows())), ct))
            .WithName("GetRoomReportCsv").WithSummary("The room report as CSV").WithDescription(perRoom)
            .ProducesFile(Csv).ProducesProblems(StatusCodes.Status404NotFound);
        reports.MapGet("/rooms.xlsx", (int eventId, KioskDb db, CancellationToken ct) =>
            FileAsync(db, eventId, "raeume.xlsx", Xlsx, d => XlsxReport.Write(ReportTables.Rooms(d.RoomRows()), ReportTables.Timeline(d.TimelineRows())), ct))
            .WithName("GetRoomReportXlsx").WithSummary("The room report as an Excel workbook, with the timeline sheet").WithDescription(perRoom + " A second sheet holds the timeline.")
            .ProducesFile(Xlsx).ProducesProblems(StatusCodes.Status404NotFound);
        reports.MapGet("/timeline.csv", (int eventId, KioskDb db, CancellationToken ct) =>
            FileAsync(db, eventId, "zeitverlauf.csv", Csv, d => CsvReport.Write(ReportTables.Timeline(d.TimelineRows())), ct))
            .WithName("GetTimelineCsv").WithSummary("People inside each room per quarter hour, as CSV")
            .WithDescription("Room, venue time of the quarter hour, the most people inside during it, and the UTC offset (the autumn clock change repeats an hour).")
            .ProducesFile(Csv).ProducesProblems(StatusCodes.Status404NotFound);

        reports.MapGet("/sessions", async Task<Results<Ok<List<SessionSummary>>, ProblemHttpResult>> (int eventId, KioskDb db, CancellationToken ct) =>
        {
            if (await ReportData.LoadAsync(db, eventId, ct) is not { } data) return Problems.NotFound("Event");
            return TypedResults.Ok(data.SessionRows().Select(r => new SessionSummary(r.SessionId, r.RoomId, r.Room, r.MasterClass, r.Title, r.Starts, r.Ends,
                r.Capacity, r.Booked, r.Attendance, r.Peak, r.PeakAt, r.BookedNotCame, r.AverageMinutes, r.Waitlisted)).ToList());
        }).WithName("GetSessionReport").WithSummary("The session report as JSON (for the reports page)")
            .ProducesProblems(StatusCodes.Status404NotFound);

        // For the chart on /reports/: one day (default: the last day with scans), every room of the event.
        reports.MapGet("/timeline", async Task<Results<Ok<TimelineResponse>, ProblemHttpResult>> (int eventId, DateOnly? day, KioskDb db, CancellationToken ct) =>
        {
            if (await ReportData.LoadAsync(db, eventId, ct) is not { } data) return Problems.NotFound("Event");
            var points = data.TimelineRows();
            var days = points.Select(p => DateOnly.FromDateTime(p.Slot.DateTime)).Distinct().Order().ToList();
            var chosen = day ?? (days.Count > 0 ? days[^1] : null);
            var rooms = data.Rooms.Select(r => new RoomTimeline(r.Id, r.Name, r.Capacity, points
                .Where(p => p.RoomId == r.Id && DateOnly.FromDateTime(p.Slot.DateTime) == chosen)
                .Select(p => new TimelineValue(p.Slot.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), p.Inside, p.Slot)).ToList())).ToList();
            return TypedResults.Ok(new TimelineResponse(eventId, data.Event.TimeZone, days, chosen, rooms));
        }).WithName("GetTimeline").WithSummary("One day's quarter hours per room, for the reports page's chart")
            .WithDescription("`?day=yyyy-MM-dd` (default: the last day with scans): every room of the event, and the days there are.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(
        KioskDb db, int eventId, string name, string contentType, Func<ReportData, byte[]> write, CancellationToken ct)
    {
        if (await ReportData.LoadAsync(db, eventId, ct) is not { } data) return Problems.NotFound("Event");
        return TypedResults.File(write(data), contentType, $"event-{eventId}-{name}");
    }
}
