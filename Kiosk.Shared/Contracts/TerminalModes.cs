namespace Kiosk.Shared.Contracts;

/// <summary>What a kiosk is for: the lobby check-in, a room's door (entering, leaving, or either), or a print station (prints orders and batches, never admits anyone).</summary>
public static class TerminalModes
{
    public const string Lobby = "lobby", RoomEntrance = "room-entrance", RoomExit = "room-exit", RoomToggle = "room-toggle", PrintStation = "print-station";

    public static readonly IReadOnlyList<string> All = [Lobby, RoomEntrance, RoomExit, RoomToggle, PrintStation];

    public static bool IsValid(string? mode) => mode is not null && All.Contains(mode);
}
