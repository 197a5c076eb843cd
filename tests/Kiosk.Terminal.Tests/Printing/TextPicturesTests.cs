using CsCheck;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing;
using Kiosk.Terminal.Printing;
using Kiosk.Testing;
using SkiaSharp;

namespace Kiosk.Terminal.Tests.Printing;

/// <summary>
/// Pictures of the lines PC858 cannot hold, drawn with the fonts of this machine (Debian: fonts-noto-core and
/// fonts-noto-cjk, which scripts/test.sh installs) and read back as the printer gets them.
/// </summary>
public sealed class TextPicturesTests
{
    private const string Token = "KB0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRST";
    private static readonly TextPictures Pictures = new();

    private static void SkipWithoutFonts() =>
        Assert.SkipWhen(SKFontManager.Default.MatchFamily("Noto Sans CJK SC") is null || SKFontManager.Default.MatchFamily("Noto Sans Arabic") is null,
            "The Noto fonts (Debian fonts-noto-core, fonts-noto-cjk) are not installed; scripts/test.sh installs them.");

    private static BadgePrint Badge(string first, string last, string? org = "Stadt Essen") =>
        new(null, first, last, org, AttendeeCategory.Visitor, "dikomm 2026", Token);

    [Theory]
    [InlineData("Yılmaz")]
    [InlineData("Žaneta")]
    [InlineData("Łukasiewicz")]
    [InlineData("李 小龍")]
    [InlineData("محمد عبد الله")]
    [InlineData("שרה לוי")]
    [InlineData("Ελένη Παπαδοπούλου")]
    [InlineData("Дмитрий Иванов")]
    [InlineData("山田 はなこ")]
    [InlineData("김민준")]
    public void Every_letter_is_set_in_a_typeface_that_has_it(string text)
    {
        SkipWithoutFonts();
        var runs = Pictures.Shape(text, 60, bold: true);
        Assert.All(runs, r => Assert.DoesNotContain((ushort)0, r.Glyphs)); // glyph 0 is the empty box of a missing letter
        Assert.Equal(text.Length, runs.Sum(r => r.Length));
    }

    [Theory]
    [InlineData("Yılmaz", 3, 3)]
    [InlineData("Łukasiewicz", 3, 3)]
    [InlineData("李 小龍", 3, 3)]
    [InlineData("محمد عبد الله", 2, 2)]
    [InlineData("שרה לוי", 3, 3)]
    [InlineData("Uniwersytet Łódzki", 1, 2)]
    [InlineData("Żółć, gęślą jaźń", 1, 1)]
    public void A_picture_is_as_high_as_its_line_centred_and_inked_where_the_text_is(string text, int width, int height)
    {
        SkipWithoutFonts();
        var picture = Pictures.Draw(new BadgeLine(text, width, height, Bold: true), 576, width >= 2 ? 2 : 1, height >= 2 ? 2 : 1);
        var image = new PrintedImage(picture.Dots, picture.DotWidth, picture.DotHeight);

        Assert.Equal(24 * height, image.PrintedHeight);
        Assert.InRange(image.PrintedWidth, 8, 576);
        Assert.InRange(image.Ink, 0.08, 0.6);
        var (top, bottom, left, right) = InkBox(picture.Dots);
        var rows = picture.Dots.GetLength(0);
        Assert.True(top < rows / 2 && bottom > rows / 2, $"ink rows {top}..{bottom} of {rows}");
        Assert.True(bottom - top + 1 >= rows / 2, $"ink only {bottom - top + 1} of {rows} rows high");
        Assert.InRange(left - (picture.Dots.GetLength(1) - 1 - right), -8, 8); // as much white on either side
    }

    [Theory]
    [InlineData("Yılmaz", "Yilmaz")]
    [InlineData("Łukasiewicz", "Lukasiewicz")]
    [InlineData("Žaneta", "Zaneta")]
    public void The_picture_shows_the_name_as_written_not_its_stand_in(string written, string standIn)
    {
        SkipWithoutFonts();
        var line = new BadgeLine(written, 3, 3, Bold: true);
        var picture = Pictures.Draw(line, 576, 2, 2);
        var substitute = Pictures.Draw(line with { Text = standIn }, 576, 2, 2);
        Assert.False(new PrintedImage(picture.Dots, 2, 2).SameInkAs(new PrintedImage(substitute.Dots, 2, 2)));
    }

    [Fact]
    public void Hebrew_reads_right_to_left_the_first_word_at_the_right()
    {
        SkipWithoutFonts();
        var run = Assert.Single(Pictures.Shape("שרה לוי", 60, bold: true));
        Assert.True(run.RightToLeft);
        Assert.Equal(new uint[] { 6, 5, 4, 3, 2, 1, 0 }, run.Clusters); // leftmost glyph is the last letter
        AssertIncreasing(run.Positions.Select(p => p.X));

        // On paper: the narrow "לוי" left of the gap, the wide "שרה" right of it, each as wide as drawn alone.
        var line = new BadgeLine("שרה לוי", 3, 3, Bold: true);
        var (leftWord, rightWord) = Words(Pictures.Draw(line, 576, 2, 2).Dots);
        Assert.InRange(leftWord - InkWidth(Pictures.Draw(line with { Text = "לוי" }, 576, 2, 2).Dots), -2, 2);
        Assert.InRange(rightWord - InkWidth(Pictures.Draw(line with { Text = "שרה" }, 576, 2, 2).Dots), -2, 2);
    }

    [Fact]
    public void Arabic_letters_join_and_the_first_word_stands_at_the_right()
    {
        SkipWithoutFonts();
        const string name = "محمد علي";
        var run = Assert.Single(Pictures.Shape(name, 60, bold: true));
        Assert.True(run.RightToLeft);
        // Joined forms: shaping the word gives other glyphs than its letters set one by one.
        var isolated = "محمد".Select(c => Assert.Single(Assert.Single(Pictures.Shape(c.ToString(), 60, bold: true)).Glyphs)).ToArray();
        var joined = run.Glyphs.Zip(run.Clusters).Where(g => g.Second < 4).OrderBy(g => g.Second).Select(g => g.First).ToArray();
        Assert.NotEqual(isolated, joined);
        var first = run.Positions.Where((_, i) => run.Clusters[i] < 4).Min(p => p.X);
        var second = run.Positions.Where((_, i) => run.Clusters[i] > 4).Max(p => p.X);
        Assert.True(first > second, "محمد is read first, so it stands right of علي");

        var line = new BadgeLine(name, 3, 3, Bold: true);
        var (leftWord, rightWord) = Words(Pictures.Draw(line, 576, 2, 2).Dots);
        Assert.InRange(leftWord - InkWidth(Pictures.Draw(line with { Text = "علي" }, 576, 2, 2).Dots), -3, 3);
        Assert.InRange(rightWord - InkWidth(Pictures.Draw(line with { Text = "محمد" }, 576, 2, 2).Dots), -3, 3);
    }

    [Fact]
    public void A_mixed_line_reads_in_the_direction_of_its_first_letter()
    {
        SkipWithoutFonts();
        var latinFirst = Pictures.Shape("Dr. محمد علي", 60, bold: true);
        Assert.Equal(new[] { (0, false), (4, true) }, latinFirst.Select(r => (r.Start, r.RightToLeft)));
        Assert.True(latinFirst[1].Positions.Min(p => p.X) >= latinFirst[0].Positions.Max(p => p.X), "the Arabic words follow Dr. to the right");

        var hebrewFirst = Pictures.Shape("שרה Cohen", 60, bold: true);
        Assert.Equal(new[] { (4, false), (0, true) }, hebrewFirst.Select(r => (r.Start, r.RightToLeft)));
        Assert.Equal(0, hebrewFirst[0].Positions[0].X);
    }

    [Fact]
    public void A_reversed_line_is_a_white_picture_on_a_black_band_as_wide_as_its_text()
    {
        SkipWithoutFonts();
        var band = new BadgeLine("  ŁÓDŹ  ".PadRight(24), 2, 2, Bold: true, Reverse: true);
        var picture = Pictures.Draw(band, 576, 2, 2);
        Assert.Equal(576, picture.PrintedWidth);
        Assert.InRange(new PrintedImage(picture.Dots, 2, 2).Ink, 0.6, 0.97);
    }

    [Fact]
    public void A_line_wider_than_the_paper_is_made_smaller_not_cut()
    {
        SkipWithoutFonts();
        var picture = Pictures.Draw(new BadgeLine(new string('龍', 16), 3, 3, Bold: true), 576, 2, 2);
        Assert.True(picture.PrintedWidth <= 576, $"{picture.PrintedWidth} dots");
        var (_, _, left, right) = InkBox(picture.Dots);
        Assert.True(left > 0 && right < picture.Dots.GetLength(1) - 1, "white at both ends: nothing cut off");
        Assert.Equal(72, picture.PrintedHeight);
    }

    [Fact]
    public void Badges_whose_lines_PC858_holds_are_left_as_they_are()
    {
        var layout = BadgeLayout.For(Badge("Jürgen", "Groß", "Kommunales Rechenzentrum Minden-Ravensberg/Lippe – Anstalt öffentlichen Rechts"));
        Assert.Same(layout, Pictures.Apply(layout));
    }

    [Theory]
    [InlineData("Ömer", "Yılmaz", "İstanbul Büyükşehir Belediyesi", "Ömer", "Yılmaz|İstanbul Büyükşehir Belediyesi")]
    [InlineData("Žaneta", "Nováková-Łukasiewicz", "Uniwersytet Łódzki", "Nováková-", "Žaneta|Łukasiewicz|Uniwersytet Łódzki")]
    [InlineData("李", "小龍", "香港特別行政區政府", "", "李|小龍|香港特別行政區政府")]
    [InlineData("محمد", "عبد الله", "بلدية دبي", "", "محمد|عبد الله|بلدية دبي")]
    [InlineData("שרה", "לוי", "Stadt Essen", "Stadt Essen", "שרה|לוי")]
    public void Only_the_lines_PC858_cannot_hold_become_pictures_and_the_badge_stays_small(string first, string last, string org, string stillText, string pictured)
    {
        SkipWithoutFonts();
        var layout = Pictures.Apply(BadgeLayout.For(Badge(first, last, org)));
        var bytes = BadgeEscPos.Encode(layout);
        var printed = EscPosReader.Read(bytes);

        Assert.Equal(pictured.Split('|'), layout.Blocks.OfType<BadgeLinePicture>().Select(p => p.Line.Text));
        var texts = printed.OfType<PrintedText>().Select(t => t.Bytes).ToList();
        Assert.All(texts, t => Assert.DoesNotContain((byte)'?', t));
        foreach (var line in stillText.Split('|', StringSplitOptions.RemoveEmptyEntries))
            Assert.Contains(texts, t => t.SequenceEqual(Kiosk.Shared.Printing.EscPos.Pc858.Encode(line)));
        Assert.Equal(Token, Assert.Single(printed.OfType<PrintedQr>()).Data);
        Assert.All(printed.OfType<PrintedImage>(), i => Assert.True(i.Ink > 0.05, "a picture with ink"));
        Assert.True(bytes.Length <= 4096, $"{bytes.Length} bytes");
    }

    [Fact]
    public void The_longest_names_PC858_cannot_hold_stay_within_12_kilobytes()
    {
        SkipWithoutFonts();
        var polish = string.Join(' ', Enumerable.Repeat("Żółć-Łękawa", 10));
        var badge = new BadgePrint(string.Join(' ', Enumerable.Repeat("Dr. hab.", 6))[..50], polish[..100], polish[..100].Replace('Ż', 'Ł'),
            string.Concat(Enumerable.Repeat("香港特別行政區政府 ", 20))[..200], AttendeeCategory.Speaker, "Międzynarodowy Kongres Łódź 2026 – Żółć", Token);

        var layout = Pictures.Apply(BadgeLayout.For(badge));
        var bytes = BadgeEscPos.Encode(layout);

        Assert.True(bytes.Length <= TextPictures.MaxBadgeBytes, $"{bytes.Length} bytes");
        Assert.True(layout.Blocks.OfType<BadgeLinePicture>().Count() >= 6, "the name and organisation are still pictures");
    }

    [Fact]
    public void Any_text_becomes_a_badge_within_12_kilobytes()
    {
        SkipWithoutFonts();
        var letters = Gen.OneOf(Gen.Char, Gen.Char['\u0590', '\u06FF'], Gen.Char['\u4E00', '\u9FFF'], Gen.Char['\u0100', '\u024F'], Gen.Const(' '), Gen.Const('-'));
        var field = letters.Array[0, 60].Select(c => new string(c));
        Gen.Select(field, field, field).Sample((first, last, org) =>
        {
            var bytes = BadgeEscPos.Encode(Pictures.Apply(BadgeLayout.For(Badge(first, string.IsNullOrWhiteSpace(last) ? "X" : last, org))));
            return bytes.Length <= TextPictures.MaxBadgeBytes;
        }, iter: 150);
    }

    private static (int Top, int Bottom, int Left, int Right) InkBox(bool[,] dots)
    {
        int top = int.MaxValue, bottom = -1, left = int.MaxValue, right = -1;
        for (var y = 0; y < dots.GetLength(0); y++)
            for (var x = 0; x < dots.GetLength(1); x++)
                if (dots[y, x]) (top, bottom, left, right) = (Math.Min(top, y), Math.Max(bottom, y), Math.Min(left, x), Math.Max(right, x));
        return (top, bottom, left, right);
    }

    private static int InkWidth(bool[,] dots)
    {
        var (_, _, left, right) = InkBox(dots);
        return right - left + 1;
    }

    /// <summary>The widths of the ink left and right of the widest white gap between them: two words.</summary>
    private static (int Left, int Right) Words(bool[,] dots)
    {
        var (_, _, left, right) = InkBox(dots);
        var inked = Enumerable.Range(0, dots.GetLength(1)).Select(x => Enumerable.Range(0, dots.GetLength(0)).Any(y => dots[y, x])).ToArray();
        int gapStart = 0, gapLength = 0;
        for (var x = left; x <= right; x++)
        {
            if (inked[x]) continue;
            var end = x;
            while (!inked[end]) end++;
            if (end - x > gapLength) (gapStart, gapLength) = (x, end - x);
            x = end;
        }
        return (gapStart - left, right - (gapStart + gapLength) + 1);
    }

    private static void AssertIncreasing(IEnumerable<float> xs)
    {
        var list = xs.ToList();
        for (var i = 1; i < list.Count; i++) Assert.True(list[i] >= list[i - 1], $"x {list[i]} after {list[i - 1]}");
    }
}
