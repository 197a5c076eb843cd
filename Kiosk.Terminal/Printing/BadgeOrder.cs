using Kiosk.Shared.Badges;

namespace Kiosk.Terminal.Printing;

/// <summary>What goes on one badge; kept with the print job until it is printed, then erased.</summary>
public sealed record BadgeOrder(
    string? Title, string FirstName, string LastName, string? Organization, AttendeeCategory Category,
    string EventName, string Token, string Language);
