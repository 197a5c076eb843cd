using Kiosk.Shared.Text;

namespace Kiosk.Server.Desk;

/// <summary>Staff correct a name or organization; null leaves a field as it is, "" clears title, first name or organization.</summary>
public sealed record CorrectionRequest(string? Title, string? FirstName, string? LastName, string? Organization, string? Reason, int? ReprintAt);

/// <summary>The desk's decisions, free of HTTP and database so they can be tested on their own.</summary>
public static class DeskRules
{
    public const int ReasonLength = 200;

    public sealed record Names(string? Title, string FirstName, string LastName, string? Organization);

    /// <summary>The names after the correction and which fields it changes (by field name, for the audit log).</summary>
    public sealed record Correction(Names After, IReadOnlyList<string> Changed);

    public sealed record Refusal(string Slug, string Detail);

    /// <summary>Why a reason (or review note) is not acceptable; null when it is.</summary>
    public static Refusal? CheckReason(string? reason, string slug = "reason") =>
        string.IsNullOrWhiteSpace(reason) ? new(slug, "Say why (a short reason is kept in the audit log).")
        : reason.Trim().Length > ReasonLength ? new(slug, $"Keep the reason to {ReasonLength} characters.")
        : HasControlCharacters(reason.Trim()) ? new(slug, "The reason contains control characters.")
        : null;

    public static (Correction? Correction, Refusal? Refusal) Correct(Names current, CorrectionRequest request)
    {
        if (CheckReason(request.Reason) is { } badReason) return (null, badReason);
        var changed = new List<string>();
        Refusal? refusal = null;
        // The rules are those of every place that takes names (PersonNameRules); the slugs are the desk's own.
        string? Field(string name, PersonNamePart part, string? current, string? proposed)
        {
            if (proposed is null || refusal is not null) return current;
            refusal = PersonNameRules.Check(part, proposed) switch
            {
                null => null,
                { Code: PersonNameRules.NameMissing } => new("correction-empty-name", $"{name} must not be empty."),
                { Max: { } max } => new("correction-length", $"{name} is longer than {max} characters."),
                _ => new("correction-characters", $"{name} contains control characters (line breaks, tabs)."),
            };
            if (refusal is not null) return current;
            var next = PersonNameRules.Normalise(proposed);
            if (part == PersonNamePart.FirstName) next ??= ""; // a single name is a last name
            if (!string.Equals(next, current, StringComparison.Ordinal)) changed.Add(name);
            return next;
        }

        var after = new Names(
            Field("title", PersonNamePart.Title, current.Title, request.Title),
            Field("firstName", PersonNamePart.FirstName, current.FirstName, request.FirstName)!,
            Field("lastName", PersonNamePart.LastName, current.LastName, request.LastName)!,
            Field("organization", PersonNamePart.Organization, current.Organization, request.Organization));
        if (refusal is not null) return (null, refusal);
        if (changed.Count == 0) return (null, new("correction-unchanged", "Nothing to correct: every field is as it was."));
        return (new Correction(after, changed), null);
    }

    /// <summary>Line breaks, tabs and other control characters would break the printed badge and the kiosk screen.</summary>
    public static bool HasControlCharacters(string text) =>
        text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');
}
