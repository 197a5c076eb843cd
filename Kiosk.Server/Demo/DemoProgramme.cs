using Kiosk.Server.Data;
using Kiosk.Server.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Demo;

/// <summary>
/// Places the demo event's programme around the moment the demo starts, on every start: the event runs
/// today and tomorrow, and each master class room and the stage have a session on now and the next ones
/// after it, so the dashboard's "now/next" shows a programme whenever someone tries the demo.
/// </summary>
public static class DemoProgramme
{
    private static readonly string[] Talks =
    [
        "Eröffnung: Zukunft digitale Kommune", "Keynote: Verwaltung ohne Warteschlange", "Podium: Daten teilen, Vertrauen halten",
        "Praxisbericht: Das digitale Bürgeramt", "Podium: Cloud, aber souverän", "Abschluss und Ausblick",
    ];

    private static readonly string[] MasterClasses =
    [
        "KI in der Verwaltung – von der Idee zum Betrieb", "OZG 2.0: Ende-zu-Ende digitalisieren", "Souveräne Cloud für Kommunen",
        "Informationssicherheit nach BSI-Grundschutz", "Registermodernisierung praktisch", "Smart City mit offenen Daten",
    ];

    public static async Task PlaceAsync(KioskDb db, int eventId, DateTimeOffset now, CancellationToken ct = default)
    {
        var evt = await db.Events.SingleAsync(e => e.Id == eventId, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(evt.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        DateTimeOffset At(DateTime t) => new DateTimeOffset(t, zone.GetUtcOffset(t)).ToUniversalTime();
        var today = local.Date;
        var start = At(today.AddHours(8));
        evt.StartsAt = start < now ? start : now.AddHours(-1);
        evt.EndsAt = At(today.AddDays(1).AddHours(18));

        // The session on now began at the last half hour; the next ones follow every two hours (stage: every hour).
        var anchor = At(local.DateTime.Date.AddHours(local.Hour).AddMinutes(local.Minute < 30 ? -30 : 0));
        var rooms = await db.Rooms.Where(r => r.EventId == eventId && (r.Kind == RoomKind.MasterClassRoom || r.Kind == RoomKind.Stage))
            .OrderBy(r => r.Id).ToListAsync(ct);
        var sessions = await db.Sessions.Where(s => s.EventId == eventId).ToListAsync(ct);
        var classRoom = 0;
        foreach (var room in rooms)
        {
            var (titles, every, length) = room.Kind == RoomKind.Stage
                ? (Talks, TimeSpan.FromHours(1), TimeSpan.FromMinutes(45))
                : (MasterClasses.Skip(2 * classRoom++).Concat(MasterClasses).Take(4).ToArray(), TimeSpan.FromHours(2), TimeSpan.FromMinutes(90));
            var mine = sessions.Where(s => s.RoomId == room.Id).OrderBy(s => s.Id).ToList();
            for (var k = 0; k < titles.Length; k++)
            {
                var session = k < mine.Count ? mine[k] : db.Sessions.Add(new RoomSession { EventId = eventId, RoomId = room.Id, Title = titles[k] }).Entity;
                session.StartsAt = anchor + k * every;
                session.EndsAt = session.StartsAt + length;
                // Master classes are booked on the registration form (those still to come are shown there).
                session.OnRegistrationForm = room.Kind == RoomKind.MasterClassRoom;
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
