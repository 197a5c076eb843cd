namespace Kiosk.Shared.Badges;

/// <summary>
/// What a signed badge token asserts. Deliberately no personal data: the token is printed as a QR code
/// and anyone can read it. Validity is stored to the second.
/// </summary>
public sealed record BadgeClaims(
    int EventId,
    Guid BadgeId,
    int BadgeVersion,
    AttendeeCategory Category,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil);
