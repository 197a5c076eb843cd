using Kiosk.Server.Data;
using Kiosk.Server.Events;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Badges;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Demo;

/// <summary>
/// The demo fair's seats and handout notes, so the badge's programme, the welcome's "Bitte beachten", Meine Anmeldung,
/// the session report and its waitlist show something on the first start: each master class is booked by a share of
/// visitors and speakers (the one on now in the first room is full, with a waitlist), nobody twice; speakers, press
/// and exhibitors have a note. Written once, with the new event (a booking made later in the demo is the user's).
/// </summary>
public static class DemoBookings
{
    /// <summary>Seats taken per session in start order within a room: the session on now is full, later ones fill less.</summary>
    private static readonly double[] Shares = [1.0, 0.7, 0.45, 0.25];

    public const int Waitlist = 4;

    private static readonly (AttendeeCategory Category, string Note)[] CategoryNotes =
    [
        (AttendeeCategory.Speaker, "Bitte holen Sie Ihr Lanyard ‚Referent' und den Ablaufplan am Counter 2 ab."),
        (AttendeeCategory.Press, "Pressemappe und WLAN-Zugang erhalten Sie am Pressecounter im Foyer links."),
        (AttendeeCategory.Exhibitor, "Ausweise für Ihr Standpersonal liegen am Counter 3 bereit."),
    ];

    private const string FirstClassNote = "Arbeitsunterlagen liegen im Raum aus – bitte bringen Sie Ihr Notebook mit.";

    /// <summary>Books through the seat rule (<see cref="SessionSeats"/>): beyond a session's capacity a booking is a waitlist place.</summary>
    public static async Task SeedAsync(KioskDb db, SessionSeats seats, int eventId, CancellationToken ct = default)
    {
        db.CategoryHandouts.AddRange(CategoryNotes.Select(n => new CategoryHandoutNote { EventId = eventId, Category = n.Category, Note = n.Note }));
        var rooms = (await db.Sessions.Join(db.Rooms, s => s.RoomId, r => r.Id, (s, r) => new { Session = s, r.Kind })
            .Where(x => x.Session.EventId == eventId && x.Kind == RoomKind.MasterClassRoom)
            .OrderBy(x => x.Session.RoomId).ThenBy(x => x.Session.StartsAt).Select(x => x.Session).ToListAsync(ct))
            .GroupBy(s => s.RoomId).ToList();
        foreach (var room in rooms) room.First().HandoutNote = FirstClassNote;
        await db.SaveChangesAsync(ct);

        // Visitors and speakers book master classes; in the seeded order, so the demo is the same on every machine.
        var attendees = new Queue<int>(await db.Attendees
            .Where(a => a.EventId == eventId && (a.Category == AttendeeCategory.Visitor || a.Category == AttendeeCategory.Speaker))
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct));
        foreach (var room in rooms)
        {
            var capacity = await db.Rooms.Where(r => r.Id == room.Key).Select(r => r.Capacity).SingleAsync(ct);
            foreach (var (session, k) in room.Select((s, k) => (s, k)))
            {
                var wanted = (int)Math.Round((session.Capacity ?? capacity) * Shares[Math.Min(k, Shares.Length - 1)])
                    + (k == 0 && room == rooms[0] ? Waitlist : 0);
                var ids = Enumerable.Range(0, Math.Min(wanted, attendees.Count)).Select(_ => attendees.Dequeue()).ToList();
                await seats.BookAsync(session, ids, overbook: false, ct);
            }
        }
    }
}
