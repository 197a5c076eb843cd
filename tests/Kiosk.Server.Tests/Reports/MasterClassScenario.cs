using System.Net.Http.Json;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests.Reports;

/// <summary>
/// A 90-minute master class (capacity 15) that ended ten minutes ago, played through the real door API
/// with the scan times of an offline door uploaded afterwards. Minutes relative to the start S:
/// <code>
///   P1 in S−10, out S+85     85 min   booked   eligible
///   P2 in S,    out S+67:30  67.5 min booked   eligible (exactly 75 %)
///   P3 in S+10, out S+76:36  66.6 min          not eligible (74 %)
///   P4 in S+20, out S+95     70 min            eligible
///   P5 in S+30, out S+40     10 min   booked   not eligible
///   P6 never came                     booked
///   two anonymous counts in at S+5 and S+15, out at S+80
/// </code>
/// Count: 1,2,3,4,5,6,7 (peak at S+30), then 6,5,4,2,1,0: seven entries and seven exits.
/// </summary>
public sealed record MasterClassScenario(Fair Fair, int RoomId, int SessionId, DateTimeOffset Start, DateTimeOffset End, int[] People)
{
    public const string Title = "KI in der Verwaltung – Übung für Bürgerämter";
    public const string RoomName = "Masterclass Raum Ruhr";
    public const string FormulaTitle = "=HYPERLINK(\"http://x\")";
    public const string PlusTitle = "+SUM(A1)";
    public const string ScriptName = "<script>alert(\"&\")</script>";

    private const string Roster = """
        ID;Vorname;Nachname;Organisation;E-Mail
        P-1;Zoë;Öztürk;Stadt Gütersloh;p1@example.org
        P-2;Jürgen;Groß;Kreis Höxter;p2@example.org
        P-3;Sören;Weiß;Stadt Fürth;p3@example.org
        P-4;Käthe;Schäfer;Gemeinde Nörvenich;p4@example.org
        P-5;Björn;Süß;Stadt Hürth;p5@example.org
        P-6;Dörte;Kühn;Stadt Münster;p6@example.org
        """;

    public int P(int n) => People[n - 1];

    public static async Task<MasterClassScenario> PlayAsync(KioskApp app)
    {
        var fair = await Fair.OpenAsync(app, Roster);
        await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        var people = new int[6];
        for (var i = 0; i < 6; i++) people[i] = (await fair.AttendeeAsync($"P-{i + 1}")).Id;
        // P4's name tests HTML encoding on the certificate.
        await app.WithDbAsync(db => db.Attendees.Where(a => a.Id == people[3]).ExecuteUpdateAsync(s => s.SetProperty(a => a.LastName, ScriptName)));

        var room = await PostAsync<RoomOccupancy>(fair.Organizer, $"/api/events/{fair.Event.Id}/rooms", new RoomRequest(RoomName, RoomKind.MasterClassRoom, 40));
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-100);
        var sessionsUrl = $"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions";
        var session = await PostAsync<SessionResponse>(fair.Organizer, sessionsUrl, new SessionRequest(Title, start, start.AddMinutes(90), Capacity: 15));
        // Titles an organizer typed that a spreadsheet would take for formulas; later today, nobody there yet.
        await PostAsync<SessionResponse>(fair.Organizer, sessionsUrl, new SessionRequest(FormulaTitle, start.AddMinutes(120), start.AddMinutes(150)));
        await PostAsync<SessionResponse>(fair.Organizer, sessionsUrl, new SessionRequest(PlusTitle, start.AddMinutes(160), start.AddMinutes(190)));
        await PostAsync<SessionResponse>(fair.Organizer, $"/api/sessions/{session.Id}/bookings", new BookingRequest([people[0], people[1], people[4], people[5]]));

        var (door, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Tür Ruhr");
        var scans = new (double Minute, int? Person, PresenceDirection Direction)[]
        {
            (-10, 1, PresenceDirection.In), (0, 2, PresenceDirection.In), (5, null, PresenceDirection.In), (10, 3, PresenceDirection.In),
            (15, null, PresenceDirection.In), (20, 4, PresenceDirection.In), (30, 5, PresenceDirection.In), (40, 5, PresenceDirection.Out),
            (67.5, 2, PresenceDirection.Out), (76.6, 3, PresenceDirection.Out), (80, null, PresenceDirection.Out), (80, null, PresenceDirection.Out),
            (85, 1, PresenceDirection.Out), (95, 4, PresenceDirection.Out),
        };
        foreach (var (minute, person, direction) in scans)
        {
            var at = start.AddSeconds(minute * 60);
            var answer = await PostAsync<PresenceResponse>(door, "/api/presence",
                new PresenceRequest(null, person is { } n ? people[n - 1] : null, person is null, room.RoomId, direction, Guid.NewGuid(), at));
            Assert.Contains(answer.Decision, new[] { PresenceDecision.Admitted, PresenceDecision.Left });
        }
        return new MasterClassScenario(fair, room.RoomId, session.Id, start, start.AddMinutes(90), people);
    }

    private static async Task<T> PostAsync<T>(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, Json.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }
}
