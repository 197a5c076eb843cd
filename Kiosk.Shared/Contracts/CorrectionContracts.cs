namespace Kiosk.Shared.Contracts;

/// <summary>What a visitor marked as wrong on the badge preview: any of name, title and organisation.</summary>
[Flags]
public enum BadgeFields
{
    None = 0,
    Name = 1,
    Title = 2,
    Organization = 4,
}

/// <summary>
/// "Fehler auf dem Badge?" at the kiosk: nothing was printed and the visitor goes to the help desk, which corrects
/// and prints at that kiosk. Sent through the kiosk's outbox; <paramref name="ClientId"/> makes it one request however
/// often it is sent.
/// </summary>
public sealed record CorrectionRequestNotice(Guid ClientId, int AttendeeId, BadgeFields Fields, DateTimeOffset RequestedAt);

public static class BadgeFieldNames
{
    public static readonly BadgeFields All = BadgeFields.Name | BadgeFields.Title | BadgeFields.Organization;

    /// <summary>The words the kiosk page and the desk use for the fields: name, title, organization.</summary>
    public static bool TryParse(IEnumerable<string?> names, out BadgeFields fields)
    {
        fields = BadgeFields.None;
        foreach (var name in names)
        {
            var one = name switch
            {
                "name" => BadgeFields.Name,
                "title" => BadgeFields.Title,
                "organization" => BadgeFields.Organization,
                _ => (BadgeFields?)null,
            };
            if (one is null) return false;
            fields |= one.Value;
        }
        return true;
    }

    public static IReadOnlyList<string> Names(BadgeFields fields) =>
        [.. new[] { (BadgeFields.Name, "name"), (BadgeFields.Title, "title"), (BadgeFields.Organization, "organization") }
            .Where(f => fields.HasFlag(f.Item1)).Select(f => f.Item2)];
}
