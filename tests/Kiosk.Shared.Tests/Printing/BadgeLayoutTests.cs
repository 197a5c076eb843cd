using System.Diagnostics;
using System.Xml.Linq;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing;

namespace Kiosk.Shared.Tests.Printing;

public sealed class BadgeLayoutTests
{
    private const string Token = "KB0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRST";

    private static BadgePrint Print(string? title, string first, string last, string? org = "Stadt Essen", AttendeeCategory category = AttendeeCategory.Visitor) =>
        new(title, first, last, org, category, "dikomm 2026", Token);

    private static List<BadgeLine> NameLines(BadgeLayout layout) =>
        layout.Blocks.OfType<BadgeLine>().Where(l => l.Bold && !l.Reverse).Skip(1).ToList(); // skip the event name

    [Fact]
    public void A_short_name_is_printed_at_the_largest_size()
    {
        var lines = NameLines(BadgeLayout.For(Print(null, "Anna", "Müller")));
        Assert.Equal(["Anna", "Müller"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal((3, 3), (l.Width, l.Height)));
    }

    [Theory]
    [InlineData("Prof. Dr.", "Karl-Theodor", "Müller-Lüdenscheidt")]
    [InlineData(null, "Maximilian Alexander", "von und zu Hohenzollern-Sigmaringen-Straßburg")]
    [InlineData(null, "Ö", "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft")]
    public void Long_names_wrap_or_shrink_and_keep_every_letter(string? title, string first, string last)
    {
        var lines = NameLines(BadgeLayout.For(Print(title, first, last)));
        Assert.All(lines, l => Assert.True(l.Text.Length <= BadgeLayout.WideColumns / l.Width, $"'{l.Text}' is too long at width {l.Width}"));
        var printed = string.Concat(lines.Select(l => l.Text)).Replace(" ", "");
        Assert.Equal($"{title}{first}{last}".Replace(" ", ""), printed);
    }

    [Fact]
    public void A_42_column_printer_gets_a_narrower_badge_that_still_keeps_every_letter()
    {
        var layout = BadgeLayout.For(Print("Prof. Dr.", "Karl-Theodor", "Müller-Lüdenscheidt", "Kommunales Rechenzentrum Minden-Ravensberg/Lippe"), BadgeLayout.NarrowColumns);
        Assert.All(layout.Blocks.OfType<BadgeLine>(), l => Assert.True(l.Text.Length <= 42 / l.Width, $"'{l.Text}' at width {l.Width}"));
        Assert.Equal(504, layout.Dots);
        Assert.Contains("width=\"504\"", BadgeSvg.Render(layout));
    }

    [Fact]
    public void Words_are_only_split_when_longer_than_a_line()
    {
        var lines = BadgeLayout.Wrap("Karl-Theodor Müller-Lüdenscheidt", 16);
        Assert.Equal(["Karl-Theodor", "Müller-", "Lüdenscheidt"], lines);
    }

    [Fact]
    public void Chinese_Japanese_and_Korean_characters_take_two_columns()
    {
        Assert.Equal(4, BadgeLayout.Cells("小龍"));
        Assert.Equal(11, BadgeLayout.Cells("山田 はなこ"));
        Assert.Equal(6, BadgeLayout.Cells("Yılmaz"));
        var org = string.Concat(Enumerable.Repeat("香港特別行政區政府", 4)); // 36 characters, 72 columns, no space
        var lines = BadgeLayout.For(Print(null, "小龍", "李", org)).Blocks.OfType<BadgeLine>().Where(l => !l.Bold).Select(l => l.Text).ToList();
        Assert.Equal([org[..23], org[23..]], lines); // a split keeps one column free, as for any word split between letters
        Assert.All(BadgeLayout.Wrap("𠀋𠀋𠀋𠀋𠀋𠀋", 8), l => Assert.False(char.IsHighSurrogate(l.TrimEnd('\u200B')[^1]), "a surrogate pair is never split"));
    }

    [Fact]
    public void An_organisation_word_longer_than_a_line_is_split_without_a_mark()
    {
        var word = new string('x', 60);
        var lines = BadgeLayout.For(Print(null, "Anna", "Müller", word)).Blocks.OfType<BadgeLine>().Where(l => !l.Bold).Select(l => l.Text).ToList();
        Assert.Equal(word, string.Concat(lines));
    }

    [Fact]
    public void Category_band_is_reversed_and_in_the_chosen_language()
    {
        var de = BadgeLayout.For(Print(null, "Sören", "Weiß", category: AttendeeCategory.Exhibitor)).Blocks.OfType<BadgeLine>().Single(l => l.Reverse);
        var en = BadgeLayout.For(Print(null, "Sören", "Weiß", category: AttendeeCategory.Exhibitor) with { Language = "en" }).Blocks.OfType<BadgeLine>().Single(l => l.Reverse);
        Assert.Equal("AUSSTELLER", de.Text.Trim());
        Assert.Equal("EXHIBITOR", en.Text.Trim());
        Assert.Equal(BadgeLayout.WideColumns / de.Width, de.Text.Length);
    }

    [Fact]
    public void A_badge_with_native_QR_fits_in_two_kilobytes()
    {
        var badge = Print("Prof. Dr.", "Karl-Theodor", "Müller-Lüdenscheidt", "Kommunales Rechenzentrum Minden-Ravensberg/Lippe – Anstalt öffentlichen Rechts", AttendeeCategory.Speaker);
        var bytes = BadgeEscPos.Encode(BadgeLayout.For(badge));
        Assert.True(bytes.Length <= 2048, $"{bytes.Length} bytes");
        Assert.Contains(Token, System.Text.Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Preview_is_well_formed_svg_with_the_name_escaped()
    {
        var svg = BadgeSvg.Render(BadgeLayout.For(Print(null, "Zoë <b>", "Öztürk & Co")));
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Contains(doc.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "Öztürk & Co");
        Assert.Contains(doc.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "Zoë <b>");
    }

    [Fact]
    public void Raster_QR_fallback_decodes_to_the_token()
    {
        Assert.SkipWhen(!File.Exists("/usr/bin/zbarimg"), "zbarimg (Debian zbar-tools) is not installed; scripts/test.sh installs it.");
        var dots = BadgeEscPos.QrDots(Token, 4);
        var path = Path.Combine(Path.GetTempPath(), $"badge-qr-{Guid.NewGuid():N}.pbm");
        try
        {
            File.WriteAllBytes(path, Pbm(dots));
            using var zbar = Process.Start(new ProcessStartInfo("/usr/bin/zbarimg", ["--raw", "-q", path]) { RedirectStandardOutput = true })!;
            var decoded = zbar.StandardOutput.ReadToEnd().Trim();
            zbar.WaitForExit();
            Assert.Equal(Token, decoded);
        }
        finally { File.Delete(path); }
    }

    private static byte[] Pbm(bool[,] dots)
    {
        int h = dots.GetLength(0), w = dots.GetLength(1), rowBytes = (w + 7) / 8;
        var header = System.Text.Encoding.ASCII.GetBytes($"P4\n{w} {h}\n");
        var data = new byte[h * rowBytes];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (dots[y, x]) data[y * rowBytes + x / 8] |= (byte)(0x80 >> (x % 8));
        return [.. header, .. data];
    }
}
