using Kiosk.Shared.Badges;

namespace Kiosk.Server.Attendees.Import;

/// <summary>One attendee as read from a registration export, already cleaned and validated.</summary>
public sealed record RegistrationRow(
    int Line,
    string? ExternalId,
    string? Title,
    string FirstName,
    string LastName,
    string? Organization,
    string? Email,
    AttendeeCategory Category,
    bool Cancelled,
    string? UnknownCategory = null);

/// <summary>
/// A row the import did not take, with the line it starts on in the file (header = line 1): the English
/// <see cref="Reason"/> for scripts, and a stable <see cref="Code"/> (with <see cref="Value"/>) that the pages
/// put into the reader's language. Runs stored before codes existed have none.
/// </summary>
public sealed record RejectedRow(int Line, string Reason, string? Code = null, string? Value = null)
{
    public static RejectedRow NameMissing(int line) => new(line, "Name is missing.", "name-missing");
    public static RejectedRow UnknownStatus(int line, string text) =>
        new(line, $"Status \"{text}\" is not known: use words such as Registered, Paid, Attending, or Cancelled, Storniert, Not Attending.", "status-unknown", text);
    public static RejectedRow NotAnEmail(int line, string text) => new(line, $"\"{text}\" is not an e-mail address.", "email-invalid", text);
    public static RejectedRow NameTooLong(int line, int max) => new(line, $"Name is longer than {max} characters.", "name-too-long", $"{max}");
    public static RejectedRow TitleTooLong(int line, int max) => new(line, $"Title is longer than {max} characters.", "title-too-long", $"{max}");
    public static RejectedRow OrganizationTooLong(int line, int max) => new(line, $"Organization is longer than {max} characters.", "organization-too-long", $"{max}");
    public static RejectedRow EmailTooLong(int line, int max) => new(line, $"E-mail address is longer than {max} characters.", "email-too-long", $"{max}");
    public static RejectedRow ExternalIdTooLong(int line, int max) => new(line, $"External id is longer than {max} characters.", "external-id-too-long", $"{max}");
    public static RejectedRow QuoteNotClosed(int line) => new(line, "A quoted field is not closed.", "quote-open");
    public static RejectedRow SameAttendee(int line, int firstLine) => new(line, $"Same attendee as line {firstLine}.", "same-attendee", $"{firstLine}");
    public static RejectedRow SharedEmail(int line) => new(line, "Several attendees share the e-mail address; add an id column to tell them apart.", "email-shared");
}
