namespace Kiosk.Shared.Text;

/// <summary>The parts of a person's name that the badge prints.</summary>
public enum PersonNamePart
{
    Title,
    FirstName,
    LastName,
    Organization,
}

/// <summary>
/// A name part that breaks a rule: which part, a stable <see cref="Code"/> that pages translate (the import's own:
/// <c>name-missing</c>, <c>name-too-long</c>, <c>title-too-long</c>, <c>organization-too-long</c>, and
/// <c>name-characters</c>, <c>title-characters</c>, <c>organization-characters</c>), and the limit where one applies.
/// </summary>
public sealed record PersonNameProblem(PersonNamePart Part, string Code, int? Max = null)
{
    /// <summary>The problem in English, for logs and API clients.</summary>
    public string Detail => Code switch
    {
        PersonNameRules.NameMissing => "The last name is required.",
        _ when Max is { } max => $"The {PersonNameRules.Words(Part)} is longer than {max} characters.",
        _ => $"The {PersonNameRules.Words(Part)} contains control characters (line breaks, tabs).",
    };
}

/// <summary>
/// What a person's name and organization must be, wherever one is entered: the registration import, a
/// correction at the help desk, a walk-in at the kiosk (its form, and the server when the registration arrives).
/// Every kind of white space counts as one space and the ends are trimmed; the last name is required and the
/// first name is not (a single name is a last name); each part has the length its database column has; control
/// characters are refused (they would break the badge and the screen). Letters are never refused: umlauts, ß,
/// accents, hyphens and apostrophes are all names.
/// </summary>
public static class PersonNameRules
{
    public const int MaxTitle = 50, MaxName = 100, MaxOrganization = 200;

    public const string NameMissing = "name-missing";

    public static int MaxLength(PersonNamePart part) => part switch
    {
        PersonNamePart.Title => MaxTitle,
        PersonNamePart.Organization => MaxOrganization,
        _ => MaxName,
    };

    /// <summary>
    /// The part as stored: trimmed, each run of white space (also no-break spaces and line separators) one space;
    /// null when nothing is left. A missing first name is stored as "".
    /// </summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>What is wrong with one part as it was typed or read; null when nothing is.</summary>
    public static PersonNameProblem? Check(PersonNamePart part, string? text)
    {
        var prefix = part is PersonNamePart.FirstName or PersonNamePart.LastName ? "name" : Words(part);
        if (text is not null && text.Any(char.IsControl)) return new(part, $"{prefix}-characters");
        var value = Normalise(text);
        if (value is null) return part == PersonNamePart.LastName ? new(part, NameMissing) : null;
        var max = MaxLength(part);
        return value.Length > max ? new(part, $"{prefix}-too-long", max) : null;
    }

    /// <summary>The first problem of a whole name, checked in the order last name, first name, title, organization.</summary>
    /// <summary>"Dr. Anna Müller" as screens, badges and certificates show it: the parts there are, one space apart.</summary>
    public static string DisplayName(string? title, string? firstName, string? lastName) =>
        string.Join(' ', new[] { title, firstName, lastName }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));

    public static PersonNameProblem? Check(string? title, string? firstName, string? lastName, string? organization) =>
        Check(PersonNamePart.LastName, lastName) ?? Check(PersonNamePart.FirstName, firstName)
        ?? Check(PersonNamePart.Title, title) ?? Check(PersonNamePart.Organization, organization);

    internal static string Words(PersonNamePart part) => part switch
    {
        PersonNamePart.Title => "title",
        PersonNamePart.FirstName => "first name",
        PersonNamePart.LastName => "last name",
        _ => "organization",
    };
}
