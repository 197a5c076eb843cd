namespace Kiosk.Shared.Text;

/// <summary>
/// Scores how well a typed query matches a person's folded words. Every query word must match some
/// word of the person: exactly, as a prefix (typing in progress), or within a small edit distance
/// (typos, transposed letters). Higher is better; 0 means no match.
/// </summary>
public static class NameMatch
{
    public const int MinimumQueryLength = 3;

    public static int Score(string[] queryWords, string[] personWords)
    {
        if (queryWords.Length == 0 || personWords.Length == 0) return 0;
        var total = 0;
        foreach (var q in queryWords)
        {
            var best = 0;
            foreach (var w in personWords)
            {
                var s = WordScore(q, w);
                if (s > best) best = s;
            }
            if (best == 0) return 0;
            total += best;
        }
        return total;
    }

    /// <summary>True when the query has enough letters to search at all (no browsing the roster with "a").</summary>
    /// <summary>At least three letters or digits as typed (before folding: "Zoe" folds to "zo" but was three keys).</summary>
    public static bool IsSearchable(string? query) => query is not null && query.Count(char.IsLetterOrDigit) >= MinimumQueryLength;

    private static int WordScore(string q, string w)
    {
        if (q == w) return 100;
        if (w.StartsWith(q, StringComparison.Ordinal)) return q.Length >= 2 ? 60 + Math.Min(q.Length, 20) : 0;
        var allowed = q.Length switch { < 4 => 0, < 8 => 1, _ => 2 };
        if (allowed == 0) return 0;
        // A typo in a prefix still counts while typing: compare against the same-length start of the word.
        var whole = Distance(q, w, allowed);
        var prefix = w.Length > q.Length ? Distance(q, w[..q.Length], allowed) : int.MaxValue;
        var d = Math.Min(whole, prefix);
        if (d > allowed) return 0;
        return (whole <= allowed ? 50 : 35) - 10 * d;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions), giving up above <paramref name="max"/>.</summary>
    internal static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        Span<int> prev2 = stackalloc int[b.Length + 1];
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
                if (v < rowMin) rowMin = v;
            }
            if (rowMin > max) return max + 1;
            var t = prev2; prev2 = prev; prev = cur; cur = t;
        }
        return prev[b.Length];
    }
}
