using System.Xml.Linq;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Shared.Printing;
using Kiosk.Shared.Printing.EscPos;
using Kiosk.Testing;

namespace Kiosk.Shared.Tests.Printing;

/// <summary>The badge's programme block (issue 13, point 4): one small line per booked session, venue time.</summary>
public sealed class BadgeProgrammeTests
{
    private const string Token = "KB0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRST";

    // 2 December 2026, 09:30 UTC = 10:30 in Essen (CET, UTC+1).
    private static readonly DateTimeOffset Morning = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

    private static BookedSession Session(string title, DateTimeOffset starts, string room = "Raum Ruhr") => new(title, starts, starts.AddMinutes(90), room);

    private static BadgePrint Badge(IReadOnlyList<BookedSession>? sessions, string timeZone = "Europe/Berlin", string language = "de") =>
        new("Dr.", "Anna", "Müller", "Stadt Essen", AttendeeCategory.Visitor, "dikomm 2026", Token, language, sessions, timeZone);

    private static List<string> Programme(BadgeLayout layout) =>
        layout.Blocks.SkipWhile(b => b is not BadgeCode).OfType<BadgeLine>().Select(l => l.Text).ToList();

    [Fact]
    public void Each_booked_session_is_one_small_line_after_the_QR_code_at_venue_time_in_start_order()
    {
        var layout = BadgeLayout.For(Badge([Session("Souveräne Cloud für Kommunen", Morning.AddHours(4), "Saal Essen"), Session("KI in der Verwaltung", Morning)]));
        Assert.Equal(["10:30 Raum Ruhr · KI in der Verwaltung", "14:30 Saal Essen · Souveräne Cloud für Kommunen"], Programme(layout));
        var lines = layout.Blocks.SkipWhile(b => b is not BadgeCode).OfType<BadgeLine>().ToList();
        Assert.All(lines, l => Assert.Equal((1, 1, false, false), (l.Width, l.Height, l.Bold, l.Reverse)));
        Assert.IsType<BadgeGap>(layout.Blocks[layout.Blocks.ToList().FindIndex(b => b is BadgeCode) + 1]);
    }

    [Theory]
    [InlineData("Europe/Berlin", "10:30")]
    [InlineData("Europe/London", "09:30")]
    [InlineData("America/New_York", "04:30")]
    [InlineData("Asia/Tokyo", "18:30")]
    [InlineData("Nowhere/Atlantis", "09:30")] // unknown on this PC: UTC rather than nothing
    public void The_time_is_the_events_local_time_in_24_hours(string zone, string expected) =>
        Assert.StartsWith(expected + " ", Assert.Single(Programme(BadgeLayout.For(Badge([Session("Keynote", Morning)], zone)))));

    [Fact]
    public void Summer_time_is_taken_from_the_sessions_own_day()
    {
        var july = new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal("10:00 Raum Ruhr · Sommerakademie", Assert.Single(Programme(BadgeLayout.For(Badge([Session("Sommerakademie", july)])))));
    }

    [Fact]
    public void Sessions_on_more_than_one_day_carry_their_date()
    {
        var lines = Programme(BadgeLayout.For(Badge([Session("Tag eins", Morning), Session("Tag zwei", Morning.AddDays(1))])));
        Assert.Equal(["02.12. 10:30 Raum Ruhr · Tag eins", "03.12. 10:30 Raum Ruhr · Tag zwei"], lines);
    }

    [Theory]
    [InlineData(BadgeLayout.WideColumns)]
    [InlineData(BadgeLayout.NarrowColumns)]
    public void A_long_title_is_cut_to_the_line_and_ends_in_dots(int columns)
    {
        var title = "Informationssicherheit nach BSI-Grundschutz für Kommunen und kommunale Rechenzentren";
        var line = Assert.Single(Programme(BadgeLayout.For(Badge([Session(title, Morning)]), columns)));
        Assert.Equal(columns, line.Length);
        Assert.EndsWith("...", line);
        Assert.StartsWith("10:30 Raum Ruhr · Informationssicher", line);
        Assert.True(Pc858.Holds(line));
    }

    [Fact]
    public void Wide_characters_count_two_cells_and_are_never_split_in_half()
    {
        var line = Assert.Single(Programme(BadgeLayout.For(Badge([Session(string.Concat(Enumerable.Repeat("人工智能与𠀀", 10)), Morning, "会议室")]))));
        Assert.True(BadgeLayout.Cells(line) <= BadgeLayout.WideColumns, line);
        Assert.False(char.IsHighSurrogate(line.TrimEnd('.')[^1]), line);
        Assert.StartsWith("10:30 会议室 · 人工智能", line);
    }

    [Theory]
    [InlineData(4, "de", null)]
    [InlineData(5, "de", "+1 weitere")]
    [InlineData(6, "de", "+2 weitere")]
    [InlineData(6, "en", "+2 more")]
    public void At_most_four_sessions_are_listed_and_the_rest_counted(int booked, string language, string? more)
    {
        var sessions = Enumerable.Range(0, booked).Select(i => Session($"Masterclass {i + 1}", Morning.AddHours(i))).ToList();
        var lines = Programme(BadgeLayout.For(Badge(sessions, language: language)));
        Assert.Equal(Enumerable.Range(1, Math.Min(booked, 4)).Select(i => $"Masterclass {i}"), lines.Take(4).Select(l => l.Split(" · ")[1]));
        if (more is null) Assert.Equal(4, lines.Count);
        else Assert.Equal(more, lines[^1]);
    }

    [Fact]
    public void Without_sessions_the_badge_is_byte_for_byte_what_it_was()
    {
        var before = BadgeEscPos.Encode(BadgeLayout.For(Badge(null) with { TimeZone = null }));
        Assert.Equal(before, BadgeEscPos.Encode(BadgeLayout.For(Badge([]))));
        Assert.Equal(before, BadgeEscPos.Encode(BadgeLayout.For(Badge(null))));
        Assert.InRange(before.Length, 300, 420);
    }

    [Fact]
    public void The_printed_bytes_and_the_preview_carry_the_session_lines()
    {
        var badge = Badge([Session("KI in der Verwaltung", Morning), Session("Bürgerämter digital", Morning.AddHours(2))]);
        var layout = BadgeLayout.For(badge);
        var bytes = BadgeEscPos.Encode(layout);
        var plain = BadgeEscPos.Encode(BadgeLayout.For(badge with { Sessions = null }));
        var printed = EscPosReader.Read(bytes).OfType<PrintedText>().Select(t => t.Bytes).ToList();
        Assert.Contains(printed, b => b.SequenceEqual(Pc858.Encode("10:30 Raum Ruhr · KI in der Verwaltung")));
        Assert.Contains(printed, b => b.SequenceEqual(Pc858.Encode("12:30 Raum Ruhr · Bürgerämter digital")));
        Assert.InRange(bytes.Length - plain.Length, 60, 200);

        var svg = XDocument.Parse(BadgeSvg.Render(layout));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains("10:30 Raum Ruhr · KI in der Verwaltung", texts);
        Assert.Contains("12:30 Raum Ruhr · Bürgerämter digital", texts);
    }
}
