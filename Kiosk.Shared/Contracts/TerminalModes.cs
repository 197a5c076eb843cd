namespace Kiosk.Shared.Contracts;

/// <summary>What a kiosk is for: the lobby check-in, or a room's door (entering, leaving, or either).</summary>
public static class TerminalModes
{
    public const string Lobby = "lobby", RoomEntrance = "room-entrance", RoomExit = "room-exit", RoomToggle = "room-toggle";

    public static readonly IReadOnlyList<string> All = [Lobby, RoomEntrance, RoomExit, RoomToggle];

    public static bool IsValid(string? mode) => mode is not null && All.Contains(mode);
}
