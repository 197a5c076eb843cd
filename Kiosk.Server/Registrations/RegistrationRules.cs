using Kiosk.Server.Attendees.Import;
using Kiosk.Shared.Text;

namespace Kiosk.Server.Registrations;

/// <summary>
/// What a registrant types on the form or a client sends to <c>POST /api/events/{eventId}/registrations</c>.
/// <see cref="Website"/> is the honeypot: a field people never see; a form that fills it is a robot's.
/// </summary>
public sealed record RegistrationRequest(
    string? Title, string? FirstName, string? LastName, string? Organization, string? Email, int? CategoryId,
    bool PrivacyAccepted, bool ContactSharing = false, string? Language = null, string? Website = null, int[]? SessionIds = null);

/// <summary>A field of the form that breaks a rule, with a stable code the page translates.</summary>
public sealed record RegistrationFieldError(string Field, string Code, string Detail);

/// <summary>The registration form's rules: names by <see cref="PersonNameRules"/>, an address the mail can reach, a category, the privacy notice accepted.</summary>
public static class RegistrationRules
{
    public static string Language(string? asked) => asked is "en" ? "en" : "de";

    /// <summary>Every broken field, in form order; empty when the request can be registered.</summary>
    public static List<RegistrationFieldError> Check(RegistrationRequest r, IReadOnlyCollection<int> categoryIds, IReadOnlyList<RegistrationSessionView> sessions)
    {
        var errors = new List<RegistrationFieldError>();
        void Name(string field, PersonNamePart part, string? text)
        {
            if (PersonNameRules.Check(part, text) is { } problem) errors.Add(new(field, problem.Code, problem.Detail));
        }
        Name("title", PersonNamePart.Title, r.Title);
        Name("firstName", PersonNamePart.FirstName, r.FirstName);
        Name("lastName", PersonNamePart.LastName, r.LastName);
        Name("organization", PersonNamePart.Organization, r.Organization);
        var email = NormaliseEmail(r.Email);
        if (email is null) errors.Add(new("email", "email-missing", "The e-mail address is required."));
        else if (email.Length > 254 || !RegistrationRowParser.IsEmail(email)) errors.Add(new("email", "email-invalid", "The e-mail address is not valid."));
        if (r.CategoryId is not { } category || !categoryIds.Contains(category))
            errors.Add(new("categoryId", "category-missing", "Choose one of the event's categories."));
        var chosen = (r.SessionIds ?? []).Distinct().ToList();
        var offered = chosen.Select(id => sessions.FirstOrDefault(s => s.Id == id)).ToList();
        if (offered.Any(s => s is null)) errors.Add(new("sessionIds", "session-unknown", "A chosen session is not on the form."));
        else if (offered.Any(a => offered.Any(b => a!.Id < b!.Id && a.StartsAt < b.EndsAt && b.StartsAt < a.EndsAt)))
            errors.Add(new("sessionIds", "sessions-overlap", "Two chosen sessions take place at the same time."));
        if (!r.PrivacyAccepted) errors.Add(new("privacyAccepted", "privacy-required", "The privacy notice must be accepted."));
        return errors;
    }

    public static string? NormaliseEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}
