namespace Kiosk.Shared.Badges;

/// <summary>
/// What a signed badge token asserts. Deliberately no personal data: the token is printed as a QR code
/// and anyone can read it. Validity is stored to the second (format 1) or to the UTC day (format 2). The category
/// is only in format 1 tokens (null from format 2): what counts is the category in the roster and on the server.
/// </summary>
public sealed record BadgeClaims(
    int EventId,
    Guid BadgeId,
    int BadgeVersion,
    AttendeeCategory? Category,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil);
