using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClosedXML.Excel;
using Hangfire;
using Kiosk.Server.Certificates;
using Kiosk.Server.Reports;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Reports;

public sealed class SqliteReportTests(KioskApp app) : ReportTests<KioskApp>(app);

public sealed class PostgresReportTests(PostgresKioskApp app) : ReportTests<PostgresKioskApp>(app);

public sealed class SqlServerReportTests(SqlServerKioskApp app) : ReportTests<SqlServerKioskApp>(app);

/// <summary>Reports, certificates and occupancy snapshots of a known master class, through the real API on every engine.</summary>
public abstract class ReportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Berlin).DateTime;

    private async Task<MasterClassScenario> PlayAsync()
    {
        app.RequireEngine();
        return await MasterClassScenario.PlayAsync(app);
    }

    private string Url(MasterClassScenario s, string report) => $"/api/events/{s.Fair.Event.Id}/reports/{report}";

    [Fact]
    public async Task Session_report_counts_attendance_peak_and_bookings_from_the_log()
    {
        var s = await PlayAsync();

        var sessions = await s.Fair.Organizer.GetFromJsonAsync<List<SessionSummary>>(Url(s, "sessions"), Json.Options);
        var row = sessions!.Single(r => r.SessionId == s.SessionId);

        Assert.Equal((5, 7, Local(s.Start.AddMinutes(30))), (row.Attendance, row.Peak, row.PeakAt));
        Assert.Equal((15, 4, 1), (row.Capacity, row.Booked, row.BookedNotCame));
        Assert.Equal(59.8, row.AverageMinutes); // (85 + 67.5 + 66.6 + 70 + 10) / 5
        Assert.True(row.MasterClass);
        Assert.Equal((Local(s.Start), Local(s.End)), (row.Starts, row.Ends));
    }

    [Fact]
    public async Task Certificates_go_to_those_present_for_three_quarters_of_the_session()
    {
        var s = await PlayAsync();

        var list = await s.Fair.Organizer.GetFromJsonAsync<CertificateList>($"/api/sessions/{s.SessionId}/certificates", Json.Options);

        Assert.Equal(68, list!.MinutesRequired);
        Assert.Equal(new Dictionary<int, int> { [s.P(1)] = 85, [s.P(2)] = 67, [s.P(4)] = 70 },
            list.Eligible.ToDictionary(e => e.AttendeeId, e => e.MinutesPresent));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Fair.Organizer.GetAsync($"/api/sessions/{s.SessionId}/certificates/{s.P(3)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Fair.Organizer.GetAsync($"/api/sessions/{s.SessionId}/certificates/{s.P(6)}")).StatusCode);

        var page = await s.Fair.Organizer.GetAsync($"/api/sessions/{s.SessionId}/certificates/{s.P(2)}");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var day = Local(s.Start).ToString("dd.MM.yyyy");
        Assert.Contains($"Jürgen Groß hat am {day} von {Local(s.Start):HH:mm} bis {Local(s.End):HH:mm} Uhr an der Masterclass „{MasterClassScenario.Title}“ im Raum {MasterClassScenario.RoomName} teilgenommen (67 Minuten).",
            System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("attended the master class", html);
        Assert.Contains("dikomm Test", html);
    }

    [Fact]
    public async Task Certificate_pages_encode_names_as_text()
    {
        var s = await PlayAsync();

        var one = await s.Fair.Organizer.GetStringAsync($"/api/sessions/{s.SessionId}/certificates/{s.P(4)}");
        var all = await s.Fair.Organizer.GetStringAsync($"/api/sessions/{s.SessionId}/certificates.html");

        foreach (var html in new[] { one, all })
        {
            Assert.DoesNotContain("<script>", html);
            Assert.Contains("Käthe &lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;", html);
        }
        Assert.Equal(3, all.Split("class=\"sheet\"").Length - 1);
        Assert.Contains("break-after: page", all);
    }

    [Fact]
    public async Task Sessions_csv_is_excel_ready_with_bom_semicolons_umlauts_and_defused_formulas()
    {
        var s = await PlayAsync();

        var response = await s.Fair.Organizer.GetAsync(Url(s, "sessions.csv"));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("Raum;Titel;Beginn;Ende;Kapazität;Gebucht;Warteliste;Teilnehmende;Höchstbelegung;Höchstbelegung um;Eintritte;Austritte;Gebucht und gekommen;Gebucht, nicht gekommen;Ø Minuten anwesend", lines[0]);
        Assert.Equal($"{MasterClassScenario.RoomName};{MasterClassScenario.Title};{Local(s.Start):yyyy-MM-dd HH:mm};{Local(s.End):yyyy-MM-dd HH:mm};15;4;0;5;7;{Local(s.Start.AddMinutes(30)):HH:mm};7;6;3;1;59,8", lines[1]);
        Assert.StartsWith($"{MasterClassScenario.RoomName};\"'=HYPERLINK(\"\"http://x\"\")\";", lines[2]);
        Assert.StartsWith($"{MasterClassScenario.RoomName};'+SUM(A1);", lines[3]);
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public async Task Sessions_xlsx_has_numbers_times_and_formula_titles_as_plain_text()
    {
        var s = await PlayAsync();

        var bytes = await s.Fair.Organizer.GetByteArrayAsync(Url(s, "sessions.xlsx"));
        using var book = new XLWorkbook(new MemoryStream(bytes));
        var sheet = book.Worksheet("Sitzungen");

        Assert.Equal("Kapazität", sheet.Cell(1, 5).GetString());
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal(MasterClassScenario.Title, sheet.Cell(2, 2).GetString());
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 3).DataType);
        Assert.Equal(Local(s.Start), sheet.Cell(2, 3).GetDateTime());
        foreach (var (column, expected) in new[] { (5, 15), (6, 4), (7, 0), (8, 5), (9, 7), (11, 7), (12, 6), (13, 3), (14, 1) })
        {
            Assert.Equal(XLDataType.Number, sheet.Cell(2, column).DataType);
            Assert.Equal(expected, sheet.Cell(2, column).GetValue<int>());
        }
        Assert.Equal(Local(s.Start.AddMinutes(30)).TimeOfDay, sheet.Cell(2, 10).GetDateTime().TimeOfDay);
        Assert.Equal(59.8, sheet.Cell(2, 15).GetDouble());
        foreach (var (row, title) in new[] { (3, MasterClassScenario.FormulaTitle), (4, MasterClassScenario.PlusTitle) })
        {
            var cell = sheet.Cell(row, 2);
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal(title, cell.GetString());
        }
    }

    [Fact]
    public async Task Room_report_and_timeline_follow_the_log()
    {
        var s = await PlayAsync();

        var csv = Encoding.UTF8.GetString(await s.Fair.Organizer.GetByteArrayAsync(Url(s, "rooms.csv"))).TrimStart('\uFEFF');
        var days = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();
        // The scenario may straddle local midnight: sum over the days.
        Assert.All(days, d => Assert.Equal(MasterClassScenario.RoomName, d[0]));
        Assert.Equal((7, 7, 7), (days.Sum(d => int.Parse(d[2])), days.Sum(d => int.Parse(d[3])), days.Max(d => int.Parse(d[5]))));

        var timeline = Encoding.UTF8.GetString(await s.Fair.Organizer.GetByteArrayAsync(Url(s, "timeline.csv"))).TrimStart('\uFEFF');
        var points = timeline.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();
        Assert.Equal("Raum;Zeit;Anwesend;UTC-Versatz", timeline.Split("\r\n")[0]);
        Assert.Equal(7, points.Max(p => int.Parse(p[2])));
        var peakSlot = Local(s.Start.AddMinutes(30)).AddMinutes(-(s.Start.Minute + 30) % 15);
        Assert.Equal(peakSlot.ToString("yyyy-MM-dd HH:mm"), points.First(p => p[2] == "7")[1]);

        var json = await s.Fair.Organizer.GetFromJsonAsync<TimelineResponse>(Url(s, "timeline") + $"?day={Local(s.Start.AddMinutes(30)):yyyy-MM-dd}", Json.Options);
        var room = json!.Rooms.Single(r => r.RoomId == s.RoomId);
        Assert.Contains(room.Points, p => (p.Time, p.Inside) == (peakSlot.ToString("HH:mm"), 7));

        using var book = new XLWorkbook(new MemoryStream(await s.Fair.Organizer.GetByteArrayAsync(Url(s, "rooms.xlsx"))));
        Assert.Equal(new[] { "Räume", "Zeitverlauf" }, book.Worksheets.Select(w => w.Name));
        Assert.Equal(XLDataType.Number, book.Worksheet("Räume").Cell(2, 3).DataType);
    }

    [Fact]
    public async Task Reports_are_for_organizers_only()
    {
        var s = await PlayAsync();
        var staff = await app.UserAsync(s.Fair.Organizer, "Staff");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Url(s, "sessions.csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/sessions/{s.SessionId}/certificates.html")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync(Url(s, "rooms.xlsx"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Fair.Organizer.GetAsync("/api/events/999999/reports/sessions.csv")).StatusCode);
    }

    [Fact]
    public async Task Snapshot_job_run_twice_in_a_minute_stores_one_row_per_room()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var organizer = fair.Organizer;
        var rooms = new List<int>();
        foreach (var name in new[] { "Dialoginsel A – Registermodernisierung", "Forum – Bühne" })
        {
            var response = await organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms", new Kiosk.Server.Rooms.RoomRequest(name, Kiosk.Server.Rooms.RoomKind.DialogueIsland, 15), Json.Options);
            rooms.Add((await response.Content.ReadFromJsonAsync<RoomOccupancy>(Json.Options))!.RoomId);
        }
        (await organizer.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, rooms[0], PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();
        // A minute far from now, so the recurring job of this server cannot take it first.
        var minute = new DateTimeOffset(2030, 5, 6, 10, 15, 0, TimeSpan.Zero);
        await app.WithDbAsync(db => db.Events.Where(e => e.Id == fair.Event.Id)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.StartsAt, minute.AddHours(-1)).SetProperty(x => x.EndsAt, minute.AddHours(8))));

        async Task<int> RunAsync(int second)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OccupancySnapshotJob>().TakeAsync(minute.AddSeconds(second).AddMilliseconds(7));
        }
        var parallel = await Task.WhenAll(RunAsync(1), RunAsync(2));
        var again = await RunAsync(59);

        Assert.Equal(2, parallel.Sum() + again);
        Assert.Equal(0, again);
        var rows = await app.WithDbAsync(db => db.OccupancySnapshots.AsNoTracking().Where(x => x.EventId == fair.Event.Id && x.Minute >= minute).OrderBy(x => x.RoomId).ToListAsync());
        Assert.Equal(rooms, rows.Select(r => r.RoomId));
        Assert.All(rows, r => Assert.Equal(minute, r.Minute));
        Assert.Equal(new[] { (1, 15), (0, 15) }, rows.Select(r => (r.Inside, r.Capacity)));

        Assert.Equal(2, await RunAsync(60)); // the next minute is a new row per room
    }

    [Fact]
    public async Task Snapshot_job_is_scheduled_every_minute_and_runs_in_the_job_server()
    {
        app.RequireEngine();
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Single(j => j.Id == OccupancySnapshotJob.RecurringId);
            Assert.Equal(Cron.Minutely(), job.Cron);
            Assert.Equal(typeof(OccupancySnapshotJob), job.Job.Type);
        }
        var fair = await Fair.OpenAsync(app);
        var response = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms", new Kiosk.Server.Rooms.RoomRequest("Halle 1 – Ausstellung", Kiosk.Server.Rooms.RoomKind.Hall, 2500), Json.Options);
        var roomId = (await response.Content.ReadFromJsonAsync<RoomOccupancy>(Json.Options))!.RoomId;

        // Run now rather than at the next full minute: the job server resolves and runs it like the schedule does.
        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(OccupancySnapshotJob.RecurringId);

        var rows = await Eventually.Async(() => app.WithDbAsync(db => db.OccupancySnapshots.CountAsync(x => x.RoomId == roomId)), n => n > 0, "a snapshot of the new room");
        Assert.Equal(1, rows);
    }
}
