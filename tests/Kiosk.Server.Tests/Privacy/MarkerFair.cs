using System.Net.Http.Json;
using Kiosk.Server.Desk;
using Kiosk.Server.Privacy;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Privacy;

/// <summary>
/// An event whose people carry distinctive marker values in every personal field, with everything that
/// happens to them at a fair: check-ins, a room entry, a session booking, a walk-in, a reprint whose reason names them.
/// </summary>
public sealed class MarkerFair(string tag)
{
    public const string Room = "Masterclass Ölraum";

    /// <summary>Makes this fair's markers its own, so tests sharing one database file do not see each other's.</summary>
    public string Tag { get; } = tag;
    public string First => $"Zyxwvutänne{Tag}";
    public string Last => $"Markerström{Tag}";
    public string Organization => $"Marker-Ölwerk {Tag} GmbH";
    public string Email => $"zyx.marker.{Tag}@example.org";
    public string Registration => $"ZYXREG-{Tag}";
    public string WalkInFirst => $"Qwendolynä{Tag}";
    public string WalkInLast => $"Walkmarkör{Tag}";
    public string WalkInOrganization => $"Walk-Marker {Tag} AG";
    public string WalkInEmail => $"walk.marker.{Tag}@example.org";
    public string OtherFirst => $"Kunigunde{Tag}";
    public string OtherEmail => $"kunigunde.{Tag}@bleibt.example";

    private static string NewTag() => string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + b % 26)));

    public Fair Fair { get; private set; } = default!;
    public HttpClient Kiosk { get; private set; } = default!;
    public int KioskId { get; private set; }
    public int MarkerId { get; private set; }
    public int OtherId { get; private set; }
    public int WalkInId { get; private set; }
    public Guid MarkerBadge { get; private set; }
    public Guid WalkInBadge { get; private set; }
    public string MarkerToken { get; private set; } = default!;
    public int EventId => Fair.Event.Id;

    /// <summary>Everything personal about the marker attendee and the walk-in, as it would appear in a file.</summary>
    public string[] PersonalMarkers =>
    [
        First, Last, Organization, Email, Registration, MarkerBadge.ToString(),
        WalkInFirst, WalkInLast, WalkInOrganization, WalkInEmail, WalkInBadge.ToString(),
    ];

    public string[] MarkerPersonOnly => [First, Last, Organization, Email, Registration, MarkerBadge.ToString()];

    public static async Task<MarkerFair> OpenAsync(KioskApp app)
    {
        var m = new MarkerFair(NewTag());
        var fair = await Fair.OpenAsync(app, $"""
            ID;Titel;Vorname;Nachname;Organisation;Kategorie;E-Mail
            {m.Registration};Prof.;{m.First};{m.Last};{m.Organization};Besucher;{m.Email}
            K-1;;{m.OtherFirst};Bleibtreu;Bleibt-Hier AG;Referent;{m.OtherEmail}
            K-2;;Jürgen;Groß;Kreis Recklinghausen;Besucher;j.gross@kreis-re.example
            """, walkIns: true);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd");
        var marker = await fair.AttendeeAsync(m.Registration);
        var other = await fair.AttendeeAsync("K-1");
        var token = await fair.TokenAsync(marker.Id);

        await CheckInAsync(kiosk, token);
        await CheckInAsync(kiosk, await fair.TokenAsync(other.Id));

        var room = await PostAsync<RoomOccupancy>(fair.Organizer, $"/api/events/{fair.Event.Id}/rooms", new RoomRequest(Room, RoomKind.MasterClassRoom, 20));
        await PostAsync<PresenceResponse>(kiosk, "/api/presence",
            new PresenceRequest(token, null, false, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow));
        var session = await PostAsync<SessionResponse>(fair.Organizer, $"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new SessionRequest("KI in der Verwaltung", DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow.AddHours(2), 10));
        await PostAsync<SessionResponse>(fair.Organizer, $"/api/sessions/{session.Id}/bookings", new BookingRequest([marker.Id]));

        var grant = (await PostAsync<WalkInBadgeGrant[]>(kiosk, "/api/terminal/walkin-badges?count=2", new { }))[0];
        var walkIn = await PostAsync<WalkInAnswer>(kiosk, "/api/terminal/walkins", new WalkInRegistration(Guid.NewGuid(), grant.BadgeId, null,
            m.WalkInFirst, m.WalkInLast, m.WalkInOrganization, m.WalkInEmail, true, DateTimeOffset.UtcNow.AddMinutes(-1)));

        var order = await PostAsync<ReprintView>(fair.Organizer, $"/api/attendees/{marker.Id}/reprints",
            new ReprintRequest(enrolment.TerminalId, $"Name korrigiert: {m.First} {m.Last}"));
        (await kiosk.PostAsync($"/api/terminal/reprints/{order.Id}/printed", null)).EnsureSuccessStatusCode();

        (m.Fair, m.Kiosk, m.KioskId, m.MarkerId, m.OtherId, m.WalkInId) = (fair, kiosk, enrolment.TerminalId, marker.Id, other.Id, walkIn.AttendeeId);
        (m.MarkerBadge, m.WalkInBadge, m.MarkerToken) = (marker.Badge!.Id, grant.BadgeId, token);
        return m;
    }

    /// <summary>Moves the event into the past: it ended <paramref name="daysAgo"/> days ago.</summary>
    public Task EndedDaysAgoAsync(KioskApp app, double daysAgo) => app.WithDbAsync(db => db.Events.Where(e => e.Id == EventId).ExecuteUpdateAsync(s => s
        .SetProperty(e => e.StartsAt, DateTimeOffset.UtcNow.AddDays(-daysAgo - 2)).SetProperty(e => e.EndsAt, DateTimeOffset.UtcNow.AddDays(-daysAgo))));

    /// <summary>The daily job's work, run directly as Hangfire would.</summary>
    public static async Task<IReadOnlyList<int>> RunRetentionAsync(KioskApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);
    }

    /// <summary>What must survive a purge: the counts reports are made of.</summary>
    public async Task<string> CountsAsync(KioskApp app)
    {
        var dashboard = (await Fair.Organizer.GetFromJsonAsync<Dashboard.DashboardSnapshot>($"/api/events/{EventId}/dashboard", Json.Options))!;
        var occupancy = (await Fair.Organizer.GetFromJsonAsync<List<RoomOccupancy>>($"/api/events/{EventId}/occupancy", Json.Options))!;
        var rows = await app.WithDbAsync(async db => new
        {
            Attendees = await db.Attendees.CountAsync(a => a.EventId == EventId),
            CheckIns = await db.CheckIns.CountAsync(c => c.EventId == EventId),
            Presence = await db.PresenceLog.CountAsync(p => p.EventId == EventId),
            Bookings = await db.SessionBookings.CountAsync(b => b.AttendeeId == MarkerId),
            Reprints = await db.Reprints.CountAsync(r => r.EventId == EventId),
        });
        return $"registered {dashboard.Registered}, arrived {dashboard.Arrived}, arrivals {string.Join(' ', dashboard.Arrivals.Select(b => $"{b.From:O}={b.Count}"))}, "
            + $"inside {string.Join(' ', occupancy.Select(r => $"{r.Name}={r.Inside}"))}, {rows}";
    }

    private static async Task CheckInAsync(HttpClient kiosk, string token)
    {
        var answer = await PostAsync<CheckInResponse>(kiosk, "/api/checkins", new CheckInRequest(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow));
        Assert.Equal(CheckInOutcome.FirstCheckIn, answer.Outcome);
    }

    private static async Task<T> PostAsync<T>(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Json.Options);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }
}
