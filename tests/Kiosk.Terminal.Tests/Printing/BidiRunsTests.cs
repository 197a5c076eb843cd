using Kiosk.Terminal.Printing;

namespace Kiosk.Terminal.Tests.Printing;

/// <summary>The visual order of a line's parts (UAX #9 for one line): what comes first on paper, and which way it reads.</summary>
public sealed class BidiRunsTests
{
    [Theory]
    [InlineData("Anna Müller", "0+11 ltr")]
    [InlineData("שרה לוי", "0+7 rtl")]
    [InlineData("محمد عبد الله", "0+13 rtl")]
    [InlineData("Dr. محمد علي", "0+4 ltr | 4+8 rtl")]            // Latin first: a left-to-right line, the Arabic words to the right
    [InlineData("שרה Cohen", "4+5 ltr | 0+4 rtl")]               // Hebrew first: a right-to-left line, the Latin word at its left end
    [InlineData("عمر 2026", "4+4 ltr | 0+4 rtl")]                // digits read left to right, at the left end of Arabic text
    [InlineData("Cohen (שרה) Levi", "0+7 ltr | 7+3 rtl | 10+6 ltr")] // brackets between Latin words belong to the Latin line
    [InlineData("李 小龍", "0+4 ltr")]
    public void Runs_stand_in_visual_order(string text, string expected)
    {
        var runs = BidiRuns.Visual(text);
        Assert.Equal(expected, string.Join(" | ", runs.Select(r => $"{r.Start}+{r.Length} {(r.RightToLeft ? "rtl" : "ltr")}")));
        Assert.Equal(text.Length, runs.Sum(r => r.Length));
    }

    [Fact]
    public void Any_text_is_split_into_runs_that_cover_it_once()
    {
        foreach (var text in new[] { "", " ", "\uD800", "a\u0301", "\u0301ש", "1+2", "٣٤ abc", "(((", "a\u200Fb", "😀ש😀" })
        {
            var runs = BidiRuns.Visual(text);
            var covered = runs.SelectMany(r => Enumerable.Range(r.Start, r.Length)).Order().ToList();
            Assert.Equal(Enumerable.Range(0, text.Length), covered);
        }
    }
}
