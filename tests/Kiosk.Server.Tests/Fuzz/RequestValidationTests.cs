using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kiosk.Testing;

namespace Kiosk.Server.Tests.Fuzz;

/// <summary>The annotations on request records are the validation: a body that breaks them gets 400 with field errors.</summary>
public sealed class RequestValidationTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task An_empty_object_is_a_validation_problem_naming_the_missing_fields()
    {
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Saal 1", 10);
        var session = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new { title = "Workshop", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1) });
        var sessionId = JsonDocument.Parse(await session.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        using var anonymous = app.Anonymous();

        foreach (var (client, route, field) in new[]
                 {
                     (anonymous, "/api/auth/login", "Username"),
                     (fair.Organizer, $"/api/events/{fair.Event.Id}/terminals", "Name"),
                     (fair.Organizer, $"/api/sessions/{sessionId}/bookings", "AttendeeIds"),
                 })
        {
            using var response = await client.PostAsync(route, new StringContent("{}", Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal("/problems/validation", problem.GetProperty("type").GetString());
            Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
            Assert.Contains(field, problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Annotations_on_the_shared_kiosk_contracts_are_enforced_too()
    {
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Insel 1", 5);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);

        // An enum sent as a number outside its values, and a token far longer than any badge token.
        var door = await kiosk.PostAsync("/api/presence", new StringContent(
            $"{{\"anonymous\":true,\"roomId\":{room.RoomId},\"direction\":7,\"clientScanId\":\"{Guid.NewGuid()}\",\"scannedAt\":\"2026-11-24T09:00:00Z\"}}", Encoding.UTF8, "application/json"));
        var lobby = await kiosk.PostAsJsonAsync("/api/checkins", new { token = "KB" + new string('0', 1000), clientScanId = Guid.NewGuid(), scannedAt = DateTimeOffset.UtcNow });

        foreach (var (response, field) in new[] { (door, "Direction"), (lobby, "Token") })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal("/problems/validation", problem.GetProperty("type").GetString());
            Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_room_name_with_a_line_break_or_NUL_is_refused_before_it_reaches_screens_or_the_database()
    {
        var fair = await Fair.OpenAsync(app);
        foreach (var name in new[] { "Saal\n1", "Saal\u00001" })
        {
            using var response = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms", new { name, kind = "Hall", capacity = 10 });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
            Assert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject(), e => string.Equals(e.Name, "Name", StringComparison.OrdinalIgnoreCase));
        }
    }
}
