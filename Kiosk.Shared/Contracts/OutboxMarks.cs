namespace Kiosk.Shared.Contracts;

/// <summary>
/// A server's database can go back in time: a power cut loses its last commits, an organizer restores last night's
/// backup. Devices then hold scans the server confirmed and no longer has. To notice, a kiosk numbers its outbox
/// items and sends the number with each (<see cref="SeqHeader"/>); the server keeps, per kiosk and in its database,
/// the highest number it has answered (written after the scan itself, so any copy of the database that has the mark
/// has the scans below it). The heartbeat answer carries that mark: below what the kiosk knows was answered means
/// the server lost those answers, and the kiosk sends them again (the client scan id makes that harmless).
/// </summary>
public static class OutboxMarks
{
    public const string SeqHeader = "Kiosk-Outbox-Seq";
}
