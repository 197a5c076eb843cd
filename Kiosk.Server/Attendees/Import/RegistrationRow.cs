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
    bool Cancelled);

/// <summary>A row the import did not take, with the line it starts on in the file (header = line 1).</summary>
public sealed record RejectedRow(int Line, string Reason);
