using System.Globalization;
using System.Text;

namespace Kiosk.Terminal.Printing;

/// <summary>A stretch of a line in one direction: characters [Start, Start + Length) of the text.</summary>
public readonly record struct BidiRun(int Start, int Length, bool RightToLeft);

/// <summary>
/// The order in which the parts of one printed line stand on paper: the Unicode bidirectional algorithm (UAX #9)
/// for a single line without explicit embeddings, which is what a name is. The line's direction is that of its
/// first letter, as a browser does with dir="auto": "Dr. محمد علي" reads Latin first, left to right, with the
/// Arabic words right to left; "שרה Cohen" is a right-to-left line with the Latin word at its left end.
/// </summary>
public static class BidiRuns
{
    private enum Kind : byte { L, R, AL, EN, AN, ES, ET, CS, NSM, WS, ON }

    /// <summary>The runs of <paramref name="text"/> from left to right as printed; each is shaped in its direction.</summary>
    public static List<BidiRun> Visual(string text)
    {
        var n = text.Length;
        if (n == 0) return [];
        var kinds = new Kind[n];
        for (var i = 0; i < n; i++)
        {
            // Both halves of a surrogate pair take the kind of the character they make.
            if (char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])) { kinds[i] = kinds[i - 1]; continue; }
            kinds[i] = KindOf(Rune.TryGetRuneAt(text, i, out var rune) ? rune : Rune.ReplacementChar);
        }
        var paragraphRtl = false;
        foreach (var k in kinds)
        {
            if (k == Kind.L) break;
            if (k is Kind.R or Kind.AL) { paragraphRtl = true; break; }
        }
        var sos = paragraphRtl ? Kind.R : Kind.L;

        // W1: a mark takes the kind of what it marks.
        for (var i = 0; i < n; i++)
            if (kinds[i] == Kind.NSM) kinds[i] = i == 0 ? sos : kinds[i - 1];
        // W2, W3: digits after Arabic letters are Arabic digits; Arabic letters are right-to-left.
        var lastStrong = sos;
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] is Kind.L or Kind.R or Kind.AL) lastStrong = kinds[i];
            else if (kinds[i] == Kind.EN && lastStrong == Kind.AL) kinds[i] = Kind.AN;
        }
        for (var i = 0; i < n; i++)
            if (kinds[i] == Kind.AL) kinds[i] = Kind.R;
        // W4: one separator between two numbers of the same kind joins them.
        for (var i = 1; i < n - 1; i++)
        {
            if (kinds[i] == Kind.ES && kinds[i - 1] == Kind.EN && kinds[i + 1] == Kind.EN) kinds[i] = Kind.EN;
            else if (kinds[i] == Kind.CS && kinds[i - 1] == kinds[i + 1] && kinds[i - 1] is Kind.EN or Kind.AN) kinds[i] = kinds[i - 1];
        }
        // W5: terminators (#, $, %) next to a number belong to it.
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] != Kind.ET) continue;
            var end = i;
            while (end < n && kinds[end] == Kind.ET) end++;
            if ((i > 0 && kinds[i - 1] == Kind.EN) || (end < n && kinds[end] == Kind.EN))
                for (var j = i; j < end; j++) kinds[j] = Kind.EN;
            i = end - 1;
        }
        // W6: other separators and terminators are neutral.
        for (var i = 0; i < n; i++)
            if (kinds[i] is Kind.ES or Kind.ET or Kind.CS) kinds[i] = Kind.ON;
        // W7: European digits in left-to-right text are left-to-right.
        lastStrong = sos;
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] is Kind.L or Kind.R) lastStrong = kinds[i];
            else if (kinds[i] == Kind.EN && lastStrong == Kind.L) kinds[i] = Kind.L;
        }
        // N1, N2: neutrals between text of one direction take it (numbers count as right-to-left); others the line's.
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] is not (Kind.ON or Kind.WS)) continue;
            var end = i;
            while (end < n && kinds[end] is Kind.ON or Kind.WS) end++;
            var before = i == 0 ? sos : Direction(kinds[i - 1]);
            var after = end == n ? sos : Direction(kinds[end]);
            var resolved = before == after ? before : sos;
            for (var j = i; j < end; j++) kinds[j] = resolved;
            i = end - 1;
        }
        // I1, I2: levels.
        var baseLevel = paragraphRtl ? 1 : 0;
        var levels = new int[n];
        for (var i = 0; i < n; i++)
            levels[i] = (paragraphRtl, kinds[i]) switch
            {
                (false, Kind.R) => 1,
                (false, Kind.AN or Kind.EN) => 2,
                (true, Kind.L or Kind.EN or Kind.AN) => 2,
                _ => baseLevel,
            };
        // L1: white space at the end of the line is at the line's level.
        for (var i = n - 1; i >= 0 && char.IsWhiteSpace(text[i]); i--) levels[i] = baseLevel;

        var runs = new List<(int Start, int Length, int Level)>();
        for (var i = 0; i < n;)
        {
            var end = i;
            while (end < n && levels[end] == levels[i]) end++;
            runs.Add((i, end - i, levels[i]));
            i = end;
        }
        // L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or higher.
        var highest = runs.Max(r => r.Level);
        var lowestOdd = runs.Where(r => r.Level % 2 == 1).Select(r => r.Level).DefaultIfEmpty(highest + 1).Min();
        for (var level = highest; level >= lowestOdd; level--)
            for (var i = 0; i < runs.Count;)
            {
                if (runs[i].Level < level) { i++; continue; }
                var end = i;
                while (end < runs.Count && runs[end].Level >= level) end++;
                runs.Reverse(i, end - i);
                i = end;
            }
        return runs.Select(r => new BidiRun(r.Start, r.Length, r.Level % 2 == 1)).ToList();
    }

    private static Kind Direction(Kind k) => k == Kind.L ? Kind.L : Kind.R;

    private static Kind KindOf(Rune r)
    {
        var v = r.Value;
        var category = Rune.GetUnicodeCategory(r);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) return Kind.NSM;
        if (v is 0x200C or 0x200D) return Kind.NSM; // joiners keep to their neighbours
        if (v == 0x200E) return Kind.L;
        if (v == 0x200F) return Kind.R;
        if (v == 0x061C) return Kind.AL;
        if (v is >= '0' and <= '9' or >= 0x06F0 and <= 0x06F9) return Kind.EN;
        if (v is >= 0x0660 and <= 0x0669 or 0x066B or 0x066C) return Kind.AN;
        if (v is '+' or '-' or 0x2212) return Kind.ES;
        if (v is ',' or '.' or '/' or ':' or 0x00A0 or 0x060C) return Kind.CS;
        if (v is '#' or '%' or 0x00B0 or 0x066A || category == UnicodeCategory.CurrencySymbol) return Kind.ET;
        if (Rune.IsWhiteSpace(r)) return Kind.WS;
        if (v is >= 0x0590 and <= 0x05FF or >= 0x07C0 and <= 0x085F or >= 0xFB1D and <= 0xFB4F or >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EDFF)
            return IsLetter(category) ? Kind.R : Kind.ON;
        if (v is >= 0x0600 and <= 0x07BF or >= 0x0860 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF or >= 0x1EE00 and <= 0x1EEFF)
            return IsLetter(category) ? Kind.AL : Kind.ON;
        return IsLetter(category) || category == UnicodeCategory.SpacingCombiningMark ? Kind.L : Kind.ON;
    }

    private static bool IsLetter(UnicodeCategory c) => c is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
}
