using System.Globalization;
using System.Text;

namespace Kiosk.Shared.Text;

/// <summary>
/// Folds names so that the ways people type them at a kiosk meet: case, accents and German umlauts
/// (Müller = Mueller = Muller, Groß = Gross, Élodie = Elodie). Umlauts lose their dots and the
/// transliterations ae/oe/ue collapse to a/o/u; the same folding runs on stored names and on queries,
/// so a rare false friend (Manuel ~ Manul) only costs ranking, never a miss.
/// </summary>
public static class NameFolding
{
    /// <summary>Folded words of <paramref name="text"/>: lower-case ASCII letters and digits, split on anything else.</summary>
    public static string[] Words(string? text)
    {
        var folded = Fold(text);
        return folded.Length == 0 ? [] : folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The folded text, words separated by single spaces.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var letters = new StringBuilder(text.Length + 4);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            switch (char.ToLowerInvariant(c))
            {
                case 'ß': letters.Append("ss"); break;
                case 'æ': letters.Append("ae"); break;
                case 'œ': letters.Append("oe"); break;
                case 'ø': letters.Append('o'); break;
                case 'ł': letters.Append('l'); break;
                case 'đ': letters.Append('d'); break;
                case 'ı': letters.Append('i'); break; // Turkish dotless i (Yıldırım) has no decomposition
                case 'þ': letters.Append("th"); break;
                case var l when l is >= 'a' and <= 'z' or >= '0' and <= '9': letters.Append(l); break;
                case '\'' or '’': break; // O'Brien = OBrien
                default: letters.Append(' '); break;
            }
        }

        var result = new StringBuilder(letters.Length);
        for (var i = 0; i < letters.Length; i++)
        {
            var c = letters[i];
            if (c == ' ')
            {
                if (result.Length > 0 && result[^1] != ' ') result.Append(' ');
                continue;
            }
            result.Append(c);
            // ae/oe/ue -> a/o/u, so "Mueller" meets "Müller" (already "muller" after the dots went).
            if (c is 'a' or 'o' or 'u' && i + 1 < letters.Length && letters[i + 1] == 'e') i++;
        }
        if (result.Length > 0 && result[^1] == ' ') result.Length--;
        return result.ToString();
    }
}
