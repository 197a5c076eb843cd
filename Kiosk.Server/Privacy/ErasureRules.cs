using System.Text.RegularExpressions;

namespace Kiosk.Server.Privacy;

/// <summary>Plain rules of an Art. 17 erasure.</summary>
public static class ErasureRules
{
    public const int MaxReason = 500;

    public static string? Problem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Say why the data is erased (e.g. the request's date and channel)."
        : reason.Length > MaxReason ? $"The reason may be at most {MaxReason} characters." : null;

    /// <summary>The reason with every occurrence of the person's own data replaced by the placeholder, ignoring case.</summary>
    public static string Scrub(string reason, params string?[] personal)
    {
        var text = reason.Trim();
        // Longest first, so "Anna-Lena" goes before a shorter "Anna" could split it.
        foreach (var value in personal.Where(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length > 1).Select(v => v!.Trim()).OrderByDescending(v => v.Length))
            text = Regex.Replace(text, Regex.Escape(value), PersonalData.Placeholder, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return text;
    }
}
