using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using Kiosk.Testing;

namespace Kiosk.Server.Tests.Fuzz;

/// <summary>Whatever a broken script, a confused scanner or an attacker sends: a clear 4xx, never a 500.</summary>
public sealed class BadRequestFuzzTests(KioskApp app) : IClassFixture<KioskApp>
{
    private static readonly Gen<string> Bodies = Gen.OneOf(
        Gen.String,
        Gen.Const("{}"), Gen.Const("[]"), Gen.Const("null"), Gen.Const("{\"token\":"), Gen.Const("{\"clientScanId\":\"nicht-uuid\"}"),
        Gen.Const("{\"token\":\"KB\",\"clientScanId\":\"00000000-0000-0000-0000-000000000000\"}"),
        Gen.Const("{\"attendeeId\":-1,\"clientScanId\":\"6f0e0c52-3b8a-4c39-9d7e-1c2b3a4d5e6f\",\"scannedAt\":\"9999-12-31T23:59:59Z\"}"),
        Gen.Const("{\"roomId\":2147483647,\"anonymous\":true,\"direction\":\"sideways\",\"clientScanId\":\"6f0e0c52-3b8a-4c39-9d7e-1c2b3a4d5e6f\"}"),
        Gen.String.Select(s => $"{{\"token\":\"{s.Replace("\\", "").Replace("\"", "")}\",\"clientScanId\":\"{Guid.NewGuid()}\",\"scannedAt\":\"2026-11-24T09:00:00Z\"}}"),
        Gen.Char.Array[2000, 20_000].Select(c => new string(c)));

    private static readonly string[] Routes = ["/api/checkins", "/api/presence", "/api/terminal/walkins", "/api/terminal/heartbeat", "/api/terminal/reprints/self-service"];

    [Fact]
    public async Task Garbage_bodies_to_the_kiosk_routes_get_a_client_error_never_a_server_error()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var statuses = new List<(string Route, HttpStatusCode Status, string Body)>();
        await Gen.Select(Gen.Int[0, Routes.Length - 1], Bodies).SampleAsync(async (route, body) =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await kiosk.PostAsync(Routes[route], content);
            statuses.Add((Routes[route], response.StatusCode, body.Length > 80 ? body[..80] : body));
            return (int)response.StatusCode < 500;
        }, iter: 400, threads: 1);
        Assert.DoesNotContain(statuses, s => (int)s.Status >= 500);
    }

    [Fact]
    public async Task A_ten_megabyte_upload_of_noise_is_refused_with_a_clear_answer()
    {
        var fair = await Fair.OpenAsync(app);
        var noise = new byte[10 * 1024 * 1024];
        new Random(10).NextBytes(noise);
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(noise);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "anmeldungen.csv");
        using var response = await fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/attendees/import?dryRun=true", content);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
