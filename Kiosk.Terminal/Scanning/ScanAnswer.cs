using Kiosk.Shared.Badges;

namespace Kiosk.Terminal.Scanning;

/// <summary>What the screen shows after a scan or a name search, in the UI's words.</summary>
public enum ScanResult
{
    Welcome,
    AlreadyCheckedIn,
    Invalid,
    WrongEvent,
    Unknown,
    Revoked,
    Cancelled,
    Ignored,
    OutOfOrder,
}

/// <summary>How the badge is coming: being printed now, waiting for the printer, waiting at the counter (printed in advance), or not at all.</summary>
public enum PrintProgress
{
    None,
    Printing,
    Queued,
    AtCounter,
}

/// <summary>At a room door: what was decided, and how full the room is (as last known when offline).</summary>
public sealed record RoomAnswer(Kiosk.Shared.Contracts.PresenceDecision Decision, string? Name, int Inside, int Capacity, bool Offline);

public sealed record ScanAnswer(
    ScanResult Result,
    string? Name = null,
    string? Organization = null,
    AttendeeCategory? Category = null,
    DateTimeOffset? CheckedInAt = null,
    PrintProgress Print = PrintProgress.None,
    string? Preview = null,
    RoomAnswer? Room = null,
    string? ReprintRef = null,
    // The badge preview (BadgePreview): the job waits PreviewSeconds for "Drucken" or "Fehler auf dem Badge?" by PrintRef.
    string? PrintRef = null,
    int PreviewSeconds = 0,
    IReadOnlyList<HandoutNote>? Notes = null);
