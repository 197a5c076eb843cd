using System.Net.Mail;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Text;

namespace Kiosk.Server.Attendees.Import;

/// <summary>Turns one record's fields into a validated <see cref="RegistrationRow"/> or a reason to reject it.</summary>
public static class RegistrationRowParser
{
    public readonly record struct Result(RegistrationRow? Row, RejectedRow? Rejected);

    private static readonly string[] Titles = ["dr.", "prof.", "dr", "prof", "dipl.-ing.", "dr.-ing.", "priv.-doz.", "pd"];

    public static Result Parse(int line, Func<RegistrationField, string?> field, ImportMapping? mapping = null)
    {
        var first = field(RegistrationField.FirstName);
        var last = field(RegistrationField.LastName);
        var title = field(RegistrationField.Title);
        if (last is null && first is null && PersonNameRules.Normalise(field(RegistrationField.FullName)) is { } full)
            (title, first, last) = SplitFullName(full, title);
        if (last is null) (first, last) = (null, first); // a single name is a last name
        var organization = field(RegistrationField.Organization);
        // The rules every place that takes names shares; a missing name is reported before the e-mail, lengths after.
        var nameProblem = PersonNameRules.Check(title, first, last, organization);
        if (nameProblem?.Code == PersonNameRules.NameMissing) return Reject(RejectedRow.NameMissing(line));

        var email = field(RegistrationField.Email)?.ToLowerInvariant();
        if (email is not null && !IsEmail(email)) return Reject(RejectedRow.NotAnEmail(line, email));

        var externalId = field(RegistrationField.ExternalId);
        if (externalId is null && field(RegistrationField.OrderCode) is { } order)
            externalId = field(RegistrationField.PositionId) is { } position ? $"{order}-{position}" : order;

        if (nameProblem is not null) return Reject(Rejected(line, nameProblem));
        var status = field(RegistrationField.Status);
        if (RegistrationColumns.IsCancelled(status) is not { } cancelled) return Reject(RejectedRow.UnknownStatus(line, status!));
        if (TooLong(email, 254)) return Reject(RejectedRow.EmailTooLong(line, 254));
        if (TooLong(externalId, 100)) return Reject(RejectedRow.ExternalIdTooLong(line, 100));

        var word = field(RegistrationField.Category);
        var category = (mapping ?? ImportMapping.None).Category(word);
        return new Result(new RegistrationRow(line, externalId, PersonNameRules.Normalise(title), PersonNameRules.Normalise(first) ?? "",
            PersonNameRules.Normalise(last)!, PersonNameRules.Normalise(organization), email,
            category ?? AttendeeCategory.Visitor, cancelled, category is null ? word : null), null);

        static Result Reject(RejectedRow rejected) => new(null, rejected);
    }

    /// <summary>The import's words for a broken name rule; control characters never get here (the file's fields are cleaned of them).</summary>
    private static RejectedRow Rejected(int line, PersonNameProblem problem) => problem switch
    {
        { Part: PersonNamePart.Title, Max: { } max } => RejectedRow.TitleTooLong(line, max),
        { Part: PersonNamePart.Organization, Max: { } max } => RejectedRow.OrganizationTooLong(line, max),
        { Max: { } max } => RejectedRow.NameTooLong(line, max),
        _ => new RejectedRow(line, problem.Detail, problem.Code),
    };

    /// <summary>"Prof. Dr. Anna Maria Müller" → title "Prof. Dr.", first "Anna Maria", last "Müller".</summary>
    internal static (string? Title, string? First, string? Last) SplitFullName(string full, string? title)
    {
        var words = full.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var titleWords = new List<string>();
        while (words.Count > 1 && Titles.Contains(words[0].ToLowerInvariant())) { titleWords.Add(words[0]); words.RemoveAt(0); }
        if (titleWords.Count > 0) title ??= string.Join(' ', titleWords);
        return words.Count == 1 ? (title, null, words[0]) : (title, string.Join(' ', words[..^1]), words[^1]);
    }

    internal static bool IsEmail(string text) =>
        !text.Contains(' ') && MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.');

    private static bool TooLong(string? value, int max) => value is not null && value.Length > max;
}
