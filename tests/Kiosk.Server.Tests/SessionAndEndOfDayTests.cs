using System.Net.Http.Json;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests;

public sealed class SqliteSessionAndEndOfDayTests(KioskApp app) : SessionAndEndOfDayTests<KioskApp>(app);

public sealed class PostgresSessionAndEndOfDayTests(PostgresKioskApp app) : SessionAndEndOfDayTests<PostgresKioskApp>(app);

public abstract class SessionAndEndOfDayTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    private async Task<(Fair, HttpClient Door, RoomOccupancy Room, int[] People)> OpenAsync()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        await app.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedInAt, DateTimeOffset.UtcNow)));
        var (door, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var room = await fair.RoomAsync("Masterclass Raum Emscher", 40);
        var people = new[] { (await fair.AttendeeAsync("A-1")).Id, (await fair.AttendeeAsync("A-2")).Id, (await fair.AttendeeAsync("A-3")).Id };
        return (fair, door, room, people);
    }

    private static async Task<PresenceResponse> EnterAsync(HttpClient door, int roomId, int? attendeeId)
    {
        var response = await door.PostAsJsonAsync("/api/presence", new PresenceRequest(null, attendeeId, attendeeId is null, roomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PresenceResponse>(Json.Options))!;
    }

    [Fact]
    public async Task Booked_attendees_go_first_and_the_sessions_own_capacity_applies()
    {
        var (fair, door, room, people) = await OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new SessionRequest("KI in der Verwaltung – Masterclass", now.AddMinutes(20), now.AddMinutes(110), Capacity: 1, PreBookingMinutes: 10), Json.Options);
        var session = (await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;
        var booked = await fair.Organizer.PostAsJsonAsync($"/api/sessions/{session.Id}/bookings", new BookingRequest([people[0], people[1], people[0]], Overbook: true), Json.Options);
        Assert.Equal(2, (await booked.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!.Booked);

        Assert.Equal(PresenceDecision.NotBooked, (await EnterAsync(door, room.RoomId, people[2])).Decision);
        Assert.Equal(PresenceDecision.Admitted, (await EnterAsync(door, room.RoomId, people[0])).Decision);
        Assert.Equal(PresenceDecision.Full, (await EnterAsync(door, room.RoomId, people[1])).Decision);

        var snapshot = await fair.Organizer.GetFromJsonAsync<Kiosk.Server.Dashboard.DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options);
        var next = snapshot!.Rooms.Single().SessionNext!;
        Assert.Equal(("KI in der Verwaltung – Masterclass", 1, 2, 0), (next.Title, next.Seats, next.Booked, next.Waitlisted));
    }

    [Fact]
    public async Task End_of_day_checks_everyone_out_once_and_logs_each_exit()
    {
        var (fair, door, room, people) = await OpenAsync();
        await EnterAsync(door, room.RoomId, people[0]);
        await EnterAsync(door, room.RoomId, people[1]);
        await EnterAsync(door, room.RoomId, null);
        var endOfDay = app.Services.GetRequiredService<EndOfDay>();
        var afterClosing = DateTimeOffset.UtcNow.AddHours(24);

        var first = await endOfDay.CloseDueRoomsAsync(afterClosing);
        var second = await endOfDay.CloseDueRoomsAsync(afterClosing);

        Assert.True(first >= 3, $"{first} checked out");
        Assert.Equal(0, second);
        Assert.Equal(0, await app.WithDbAsync(db => db.Rooms.Where(r => r.Id == room.RoomId).Select(r => r.Inside).SingleAsync()));
        var closing = await app.WithDbAsync(db => db.PresenceLog.Where(p => p.RoomId == room.RoomId && p.Decision == PresenceDecision.ClosedForTheDay).ToListAsync());
        Assert.Equal(3, closing.Count);
        Assert.Equal(2, closing.Count(p => p.AttendeeId != null));
    }
}

public sealed class EndOfDayRulesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Summer_and_winter_days_end_at_local_time()
    {
        Assert.Equal(new DateTimeOffset(2026, 6, 16, 18, 0, 0, TimeSpan.Zero), EndOfDayRules.At(new DateOnly(2026, 6, 16), new TimeOnly(20, 0), Berlin));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero), EndOfDayRules.At(new DateOnly(2026, 11, 24), new TimeOnly(20, 0), Berlin));
    }

    [Fact]
    public void A_time_in_the_spring_gap_moves_past_it_and_a_doubled_autumn_time_is_taken_the_second_time()
    {
        // 29 March 2026: 02:00 → 03:00. 25 October 2026: 03:00 → 02:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), EndOfDayRules.At(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Berlin));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), EndOfDayRules.At(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Berlin));
    }

    [Fact]
    public void The_last_end_of_day_is_yesterdays_until_todays_has_come()
    {
        var evening = new TimeOnly(20, 0);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 18, 0, 0, TimeSpan.Zero), EndOfDayRules.LastBefore(new DateTimeOffset(2026, 6, 16, 17, 59, 0, TimeSpan.Zero), evening, Berlin));
        Assert.Equal(new DateTimeOffset(2026, 6, 16, 18, 0, 0, TimeSpan.Zero), EndOfDayRules.LastBefore(new DateTimeOffset(2026, 6, 16, 18, 0, 0, TimeSpan.Zero), evening, Berlin));
    }
}
