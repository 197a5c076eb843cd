using System.Net.Mail;

namespace Kiosk.Shared.Contracts;

/// <summary>What a walk-in registration must satisfy; checked at the kiosk and again on the server.</summary>
public static class WalkInRules
{
    public const int MaxName = 100, MaxTitle = 50, MaxOrganization = 200, MaxEmail = 254;

    /// <summary>Trimmed, inner runs of white space collapsed to one space (control characters are refused by <see cref="Problem(WalkInRegistration)"/>).</summary>
    public static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Null when acceptable, else what is wrong (in English, for logs and API clients).</summary>
    public static string? Problem(WalkInRegistration r) => Problem(r.Title, r.FirstName, r.LastName, r.Organization, r.Email, r.Consent);

    public static string? Problem(string? title, string? firstName, string? lastName, string? organization, string? email, bool consent)
    {
        if (!consent) return "Consent is required.";
        if (string.IsNullOrWhiteSpace(firstName) || string.IsNullOrWhiteSpace(lastName)) return "First and last name are required.";
        if (firstName.Length > MaxName || lastName.Length > MaxName || (title?.Length ?? 0) > MaxTitle || (organization?.Length ?? 0) > MaxOrganization)
            return "A field is too long.";
        if (Controls(firstName) || Controls(lastName) || Controls(title) || Controls(organization)) return "Names must not contain control characters.";
        if (!string.IsNullOrWhiteSpace(email) && (email.Length > MaxEmail || !MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim()))
            return "The e-mail address is not valid.";
        return null;
    }

    private static bool Controls(string? text) => text is not null && text.Any(char.IsControl);
}
