using Kiosk.Server.Attendees;

namespace Kiosk.Server.Desk;

/// <summary>Staff correct a name or organization; null leaves a field as it is, "" clears title or organization.</summary>
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
        string? Field(string name, string? current, string? proposed, int maxLength, bool required)
        {
            if (proposed is null || refusal is not null) return current;
            var value = proposed.Trim();
            if (HasControlCharacters(value)) refusal = new("correction-characters", $"{name} contains control characters (line breaks, tabs).");
            else if (value.Length > maxLength) refusal = new("correction-length", $"{name} is longer than {maxLength} characters.");
            else if (required && value.Length == 0) refusal = new("correction-empty-name", $"{name} must not be empty.");
            if (refusal is not null) return current;
            var next = value.Length == 0 ? null : value;
            if (!string.Equals(next, current, StringComparison.Ordinal)) changed.Add(name);
            return next;
        }

        var after = new Names(
            Field("title", current.Title, request.Title, Attendee.TitleLength, required: false),
            Field("firstName", current.FirstName, request.FirstName, Attendee.NameLength, required: true)!,
            Field("lastName", current.LastName, request.LastName, Attendee.NameLength, required: true)!,
            Field("organization", current.Organization, request.Organization, Attendee.OrganizationLength, required: false));
        if (refusal is not null) return (null, refusal);
        if (changed.Count == 0) return (null, new("correction-unchanged", "Nothing to correct: every field is as it was."));
        return (new Correction(after, changed), null);
    }

    /// <summary>Line breaks, tabs and other control characters would break the printed badge and the kiosk screen.</summary>
    public static bool HasControlCharacters(string text) =>
        text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');
}
