namespace Kiosk.Shared.Contracts;

/// <summary>
/// A badge the server signed in advance for a terminal's walk-ins, so a kiosk can print a genuine,
/// unforgeable badge for someone who registers on the spot while the network is down.
/// </summary>
public sealed record WalkInBadgeGrant(Guid BadgeId, string Token);

/// <summary>A walk-in registered at a kiosk (possibly offline), sent from its outbox until the server answers.</summary>
public sealed record WalkInRegistration(
    Guid ClientScanId,
    Guid BadgeId,
    string? Title,
    string FirstName,
    string LastName,
    string? Organization,
    string? Email,
    bool Consent,
    DateTimeOffset RegisteredAt);

public sealed record WalkInAnswer(int AttendeeId, bool Created);
