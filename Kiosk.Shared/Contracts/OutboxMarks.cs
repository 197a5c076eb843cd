namespace Kiosk.Shared.Contracts;

/// <summary>
/// A server's database can go back in time: a power cut loses its last commits, an organizer restores last night's
/// backup. Kiosks then hold scans the server confirmed and no longer has. To notice, a kiosk sends with each outbox
/// item its number (<see cref="SeqHeader"/>) and, when it has been answered for every item before it, the number of
/// the item before it (<see cref="AfterHeader"/>). The server keeps per kiosk, in its database, a mark: "I hold the
/// answer to every item up to here". It moves the mark over an answered item only when the mark already covers the
/// item before it, and writes it after the item's own commit, so any copy of the database that has the mark has the
/// scans below it, and a restored mark stays where the copy was, however many new items come in after it. The
/// heartbeat answer carries the mark; a kiosk that was answered beyond it sends those items again (the client scan id
/// makes that harmless), which also moves the mark on.
/// </summary>
public static class OutboxMarks
{
    public const string SeqHeader = "Kiosk-Outbox-Seq";
    public const string AfterHeader = "Kiosk-Outbox-After";
}
