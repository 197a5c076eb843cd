using System.Text;
using Kiosk.Server.Reports;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;

namespace Kiosk.Server.Tests.Reports;

/// <summary>The report computation and the CSV writer on their own: rows in, rows out.</summary>
public sealed class PresenceReportTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    // 10:00 in Essen on a summer day (UTC+2).
    private static readonly DateTimeOffset Start = new(2026, 6, 17, 8, 0, 0, TimeSpan.Zero);
    private static readonly ReportRoom Ruhr = new(1, "Masterclass Raum Ruhr", RoomKind.MasterClassRoom, 40);
    private long _id;

    private LogRow Row(double minute, int? attendee, PresenceDirection direction, int room = 1) =>
        new(++_id, room, attendee, direction, Start.AddSeconds(minute * 60));

    [Fact]
    public void An_entry_without_exit_counts_until_the_end_of_day_exit_or_the_session_end()
    {
        var endOfDay = Start.AddMinutes(60); // an evening session cut by the end-of-day checkout
        var log = new[]
        {
            Row(5, 1, PresenceDirection.In),
            Row(10, 2, PresenceDirection.In), new LogRow(++_id, 1, 2, PresenceDirection.Out, endOfDay),
        };

        var present = PresenceReport.MinutesPresent(log, Start, Start.AddMinutes(90));

        Assert.Equal(85, present[1].TotalMinutes);
        Assert.Equal(50, present[2].TotalMinutes);
    }

    [Fact]
    public void Minutes_present_add_up_several_visits_and_ignore_time_outside_the_session()
    {
        var log = new[]
        {
            Row(-20, 1, PresenceDirection.In), Row(10, 1, PresenceDirection.Out), Row(30, 1, PresenceDirection.In), Row(100, 1, PresenceDirection.Out),
            Row(-30, 2, PresenceDirection.In), Row(-5, 2, PresenceDirection.Out),
        };

        var present = PresenceReport.MinutesPresent(log, Start, Start.AddMinutes(90));

        Assert.Equal(70, present[1].TotalMinutes);
        Assert.False(present.ContainsKey(2)); // left before the start: not an attendee
    }

    [Theory]
    [InlineData(67.5, true)]
    [InlineData(67.49, false)]
    [InlineData(66.6, false)]
    [InlineData(90, true)]
    public void Three_quarters_of_ninety_minutes_is_the_line(double minutes, bool eligible) =>
        Assert.Equal(eligible, PresenceReport.Eligible(TimeSpan.FromMinutes(minutes), Start, Start.AddMinutes(90), 0.75));

    [Fact]
    public void Peak_counts_anonymous_people_and_those_already_inside_at_the_start()
    {
        var log = new[]
        {
            Row(-10, 1, PresenceDirection.In), Row(-5, null, PresenceDirection.In), Row(20, null, PresenceDirection.In),
            Row(25, null, PresenceDirection.Out), Row(40, 2, PresenceDirection.In), Row(95, 3, PresenceDirection.In),
        };
        var session = new ReportSession(7, 1, "Souveräne Cloud", Start, Start.AddMinutes(90), null, new HashSet<int> { 2, 9 });

        var row = Assert.Single(PresenceReport.Sessions(log, [Ruhr], [session], Berlin));

        Assert.Equal((3, new DateTime(2026, 6, 17, 10, 20, 0)), (row.Peak, row.PeakAt));
        Assert.Equal((2, 40, 2, 1, 1), (row.Attendance, row.Capacity, row.Booked, row.BookedCame, row.BookedNotCame));
        Assert.Equal((4, 1), (row.Entries, row.Exits)); // from doors open (30 min before) to the end
        Assert.Equal(new DateTime(2026, 6, 17, 10, 0, 0), row.Starts);
    }

    [Fact]
    public void A_late_upload_falls_into_place_by_its_scan_time()
    {
        // Logged last (highest id) but scanned first: the offline door's entry.
        var log = new[] { Row(20, 2, PresenceDirection.In), Row(30, 2, PresenceDirection.Out), new LogRow(99, 1, 1, PresenceDirection.In, Start.AddMinutes(10)) };

        var room = Assert.Single(PresenceReport.RoomDays(log, [Ruhr], Berlin));

        Assert.Equal((2, 1, 2, 2, new DateTime(2026, 6, 17, 10, 20, 0)), (room.Entries, room.Exits, room.Attendees, room.Peak, room.PeakAt!.Value));
    }

    [Fact]
    public void Timeline_shows_the_most_people_in_each_quarter_hour()
    {
        var log = new[]
        {
            Row(1, 1, PresenceDirection.In), Row(2, 2, PresenceDirection.In), Row(3, 2, PresenceDirection.Out),
            Row(31, null, PresenceDirection.In), Row(46, 1, PresenceDirection.Out),
        };

        var points = PresenceReport.Timeline(log, [Ruhr], Berlin);

        Assert.Equal(new[] { ("10:00", 2), ("10:15", 1), ("10:30", 2), ("10:45", 2) }, points.Select(p => (p.Slot.ToString("HH:mm"), p.Inside)));
    }

    [Fact]
    public void Timeline_on_the_day_the_clocks_go_back_shows_the_repeated_hour_twice_told_apart_by_the_offset()
    {
        // 25 October 2026: at 03:00 summer time (01:00 UTC) the clocks in Essen go back to 02:00.
        var change = new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero);
        LogRow At(int minutes, int attendee, PresenceDirection direction) => new(++_id, 1, attendee, direction, change.AddMinutes(minutes));
        var log = new[] { At(-20, 1, PresenceDirection.In), At(-5, 2, PresenceDirection.In), At(10, 1, PresenceDirection.Out), At(25, 3, PresenceDirection.In) };

        var points = PresenceReport.Timeline(log, [Ruhr], Berlin);

        Assert.Equal(new[] { ("02:30", "+02:00", 1), ("02:45", "+02:00", 2), ("02:00", "+01:00", 2), ("02:15", "+01:00", 2) },
            points.Select(p => (p.Slot.ToString("HH:mm"), p.Slot.ToString("zzz"), p.Inside)));
        Assert.Equal(points.Select(p => p.Slot).Order(), points.Select(p => p.Slot));
    }

    [Fact]
    public void Timeline_on_the_day_the_clocks_go_forward_has_no_quarter_hours_that_never_happened()
    {
        // 29 March 2026: at 02:00 winter time (01:00 UTC) the clocks in Essen jump to 03:00.
        var change = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero);
        var log = new[] { new LogRow(1, 1, 1, PresenceDirection.In, change.AddMinutes(-10)), new LogRow(2, 1, 1, PresenceDirection.Out, change.AddMinutes(20)) };

        var points = PresenceReport.Timeline(log, [Ruhr], Berlin);

        Assert.Equal(new[] { ("01:45", 1), ("03:00", 1), ("03:15", 1) }, points.Select(p => (p.Slot.ToString("HH:mm"), p.Inside)));
    }

    [Fact]
    public void Csv_quotes_by_rfc_4180_and_defuses_formula_starts()
    {
        var table = new ReportTable("t", [new("Titel", CellKind.Text, 10), new("Zahl", CellKind.Decimal, 5)],
        [
            ["Groß; \"Klein\"\nzwei", 1.26],
            ["-1+1", 2.0], ["@SUM(1)", 0.0], ["\tTab", 0.0], ["\rCR", 0.0], ["Müller", 0.0],
        ]);

        var text = Encoding.UTF8.GetString(CsvReport.Write(table)[3..]);

        Assert.Equal("Titel;Zahl\r\n\"Groß; \"\"Klein\"\"\nzwei\";1,3\r\n'-1+1;2,0\r\n'@SUM(1);0,0\r\n'\tTab;0,0\r\n\"'\rCR\";0,0\r\nMüller;0,0\r\n", text);
    }
}
