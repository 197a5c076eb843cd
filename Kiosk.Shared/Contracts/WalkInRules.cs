using System.Net.Mail;
using Kiosk.Shared.Text;

namespace Kiosk.Shared.Contracts;

/// <summary>
/// What a walk-in registration must satisfy; checked at the kiosk and again on the server. The names follow
/// <see cref="PersonNameRules"/>, like every other place that takes them.
/// </summary>
public static class WalkInRules
{
    public const int MaxEmail = 254;

    /// <summary>Null when acceptable, else what is wrong (in English, for logs and API clients).</summary>
    public static string? Problem(WalkInRegistration r) => Problem(r.Title, r.FirstName, r.LastName, r.Organization, r.Email, r.Consent);

    public static string? Problem(string? title, string? firstName, string? lastName, string? organization, string? email, bool consent)
    {
        if (!consent) return "Consent is required.";
        if (PersonNameRules.Check(title, firstName, lastName, organization) is { } name) return name.Detail;
        if (!string.IsNullOrWhiteSpace(email) && (email.Length > MaxEmail || !MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim()))
            return "The e-mail address is not valid.";
        return null;
    }
}
