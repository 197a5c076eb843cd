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

    public static async Task SeedAsync(KioskDb db, int eventId, DateTimeOffset now, CancellationToken ct = default)
    {
        db.CategoryHandouts.AddRange(CategoryNotes.Select(n => new CategoryHandoutNote { EventId = eventId, Category = n.Category, Note = n.Note }));

        var classes = await db.Sessions.Join(db.Rooms, s => s.RoomId, r => r.Id, (s, r) => new { Session = s, r.Kind, r.Capacity })
            .Where(x => x.Session.EventId == eventId && x.Kind == RoomKind.MasterClassRoom)
            .OrderBy(x => x.Session.RoomId).ThenBy(x => x.Session.StartsAt).ToListAsync(ct);
        // Visitors and speakers book master classes; in the seeded order, so the demo is the same on every machine.
        var attendees = new Queue<int>(await db.Attendees
            .Where(a => a.EventId == eventId && (a.Category == AttendeeCategory.Visitor || a.Category == AttendeeCategory.Speaker))
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct));

        var firstRoom = classes.Select(x => x.Session.RoomId).FirstOrDefault();
        foreach (var room in classes.GroupBy(x => x.Session.RoomId))
        {
            var k = 0;
            foreach (var x in room)
            {
                var session = x.Session;
                if (k == 0) session.HandoutNote = FirstClassNote;
                var seats = (int)Math.Round((session.Capacity ?? x.Capacity) * Shares[Math.Min(k, Shares.Length - 1)]);
                for (var i = 0; i < seats && attendees.Count > 0; i++)
                    db.SessionBookings.Add(new SessionBooking { SessionId = session.Id, AttendeeId = attendees.Dequeue() });
                if (k == 0 && room.Key == firstRoom)
                    for (var place = 1; place <= Waitlist && attendees.Count > 0; place++)
                        db.SessionWaitlist.Add(new SessionWaitlistEntry { SessionId = session.Id, AttendeeId = attendees.Dequeue(), Place = place, QueuedAt = now });
                k++;
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
