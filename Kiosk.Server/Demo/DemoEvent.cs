using Kiosk.Server.Attendees;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Server.Events;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Badges;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Demo;

/// <summary>
/// "dikomm 2026" in Essen with its rooms and about 2,000 invented attendees from municipalities, so the
/// system can be tried without a registration export. Deterministic; on later starts only the programme moves (see
/// <see cref="DemoProgramme"/>).
/// E-mail addresses use the reserved .example domain: no demo mail can reach a real person.
/// </summary>
public static class DemoEvent
{
    public const string Name = "dikomm 2026";
    public const int AttendeeCount = 2000;

    private static readonly string[] FirstNames =
    [
        "Anna", "Jürgen", "Jörg", "Björn", "Sören", "Käthe", "Günther", "Lena", "Jan", "Sabine", "Thomas", "Maria", "Michael",
        "Stefanie", "Ömer", "Ayşe", "Hans-Peter", "Anne-Kathrin", "Uwe", "Birgit", "Klaus", "Renée", "José", "Zoë", "Lukas",
        "Mia", "Felix", "Jürgen", "Özlem", "Hüseyin", "Małgorzata", "Dörte", "Gisela", "Frauke", "Henrik", "Katrin", "Nils",
        "Ulrike", "Wolfgang", "Elif", "Marie-Luise", "Kai", "Heike", "Torsten", "Ines", "Matthias", "Claudia", "Andreas", "Julia",
    ];

    private static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer",
        "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
        "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Groß", "Weiß", "Jäger", "Böhm",
        "Möller", "Kühn", "Süß", "Strauß", "Öztürk", "Yılmaz", "Nowak", "Kowalski", "Böttcher", "Günther", "Lübke", "Dürr",
        "Schulte-Bäumer", "von der Heydt", "Große Kötter", "Pöppelmann", "Brüggemann", "Hülsmann", "Kötter", "Overbeck",
    ];

    private static readonly string[] Municipalities =
    [
        "Stadt Essen", "Stadt Gelsenkirchen", "Kreis Recklinghausen", "Stadt Mülheim an der Ruhr", "Landeshauptstadt Düsseldorf",
        "Stadt Köln", "Stadt Münster", "Gemeinde Schöppingen", "Stadt Lüdenscheid", "Stadt Bochum", "Stadt Dortmund",
        "Stadt Oberhausen", "Märkischer Kreis", "Hochsauerlandkreis", "Stadt Gütersloh", "Stadt Bottrop", "Rhein-Kreis Neuss",
        "Kreis Lippe", "Stadt Hürth", "Gemeinde Nörvenich", "Stadt Solingen", "Kreis Höxter", "Stadt Würselen", "Städteregion Aachen",
        "Ministerium für Heimat, Kommunales, Bau und Digitalisierung NRW", "Landkreis Görlitz", "Stadt Fürth", "Gemeinde Übach-Palenberg",
    ];

    private static readonly string[] Exhibitors =
    [
        "Rathaus Digital GmbH", "Bürgerservice Cloud AG", "Kommunalsoft eG", "Datenwerk Ruhr GmbH", "Aktenlos Systeme GmbH",
        "OZG-Werkstatt GmbH", "Verwaltungsportal Süd GmbH", "Souveräne Cloud Rheinland eG", "e-Akte Nord GmbH",
    ];

    private static readonly (string Name, RoomKind Kind, int Capacity)[] RoomPlan =
    [
        ("Halle 1 – Ausstellung", RoomKind.Hall, 2500),
        ("Forum – Bühne", RoomKind.Stage, 400),
        ("Masterclass Raum Ruhr", RoomKind.MasterClassRoom, 40),
        ("Masterclass Raum Emscher", RoomKind.MasterClassRoom, 40),
        ("Masterclass Raum Lippe", RoomKind.MasterClassRoom, 30),
        ("Dialoginsel A – Registermodernisierung", RoomKind.DialogueIsland, 15),
        ("Dialoginsel B – Souveräne Cloud", RoomKind.DialogueIsland, 15),
        ("Dialoginsel C – Smart City", RoomKind.DialogueIsland, 15),
        ("Dialoginsel D – Informationssicherheit", RoomKind.DialogueIsland, 15),
    ];

    public static async Task<int> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var existing = await db.Events.Where(e => e.Name == Name).Select(e => (int?)e.Id).FirstOrDefaultAsync();
        if (existing is { } id)
        {
            await DemoProgramme.PlaceAsync(db, id, now);
            await DemoRegistration.EnsureAsync(db, id);
            return id;
        }

        var evt = new Event
        {
            Name = Name, City = "Essen", Venue = "Messe Essen", AllowsWalkIns = true, CreatedAt = now, RosterSeq = 1,
            StartsAt = now, EndsAt = now.AddDays(1), // placed with the programme below
        };
        db.Events.Add(evt);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<BadgeKeys>().RotateAsync(db, evt.Id);

        var rooms = RoomPlan.Select(r => new Room { EventId = evt.Id, Name = r.Name, Kind = r.Kind, Capacity = r.Capacity }).ToList();
        db.Rooms.AddRange(rooms);
        db.Attendees.AddRange(Attendees(evt.Id, now));
        await db.SaveChangesAsync();
        await DemoProgramme.PlaceAsync(db, evt.Id, now);
        await DemoBookings.SeedAsync(db, scope.ServiceProvider.GetRequiredService<SessionSeats>(), evt.Id);
        await DemoRegistration.EnsureAsync(db, evt.Id);
        return evt.Id;
    }

    internal static IEnumerable<Attendee> Attendees(int eventId, DateTimeOffset now)
    {
        var random = new Random(2026);
        for (var i = 1; i <= AttendeeCount; i++)
        {
            var roll = random.Next(100);
            var category = roll switch
            {
                < 80 => AttendeeCategory.Visitor,
                < 88 => AttendeeCategory.Exhibitor,
                < 93 => AttendeeCategory.Speaker,
                < 96 => AttendeeCategory.Press,
                _ => AttendeeCategory.Team,
            };
            var organization = category switch
            {
                AttendeeCategory.Exhibitor => Exhibitors[random.Next(Exhibitors.Length)],
                AttendeeCategory.Press => random.Next(2) == 0 ? "WAZ – Westdeutsche Allgemeine Zeitung" : "eGovernment Computing",
                AttendeeCategory.Team => "dikomm Veranstaltungsteam",
                _ => Municipalities[random.Next(Municipalities.Length)],
            };
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var title = random.Next(100) switch { < 8 => "Dr.", < 10 => "Prof. Dr.", _ => null };
            yield return new Attendee
            {
                EventId = eventId, ExternalId = $"DK26-{i:D5}", Title = title, FirstName = first, LastName = last,
                Organization = organization, Category = category, Email = $"{Ascii(first)}.{Ascii(last)}.{i}@{Ascii(organization)}.example",
                CreatedAt = now, UpdatedAt = now, RosterSeq = 1,
                Badge = new Badge { Id = Badge.NewId(), EventId = eventId, Version = 1, IssuedAt = now },
            };
        }
    }

    private static string Ascii(string text)
    {
        var s = text.ToLowerInvariant().Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss");
        return new string(s.Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());
    }
}
