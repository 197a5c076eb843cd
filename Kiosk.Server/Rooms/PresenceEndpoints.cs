using Kiosk.Server.Auth;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiosk.Server.Rooms;

public static class PresenceEndpoints
{
    public static void MapPresenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/presence", async Task<Results<Ok<PresenceResponse>, ProblemHttpResult>> (
            PresenceRequest request, PresenceDesk desk, HttpContext http, TimeProvider time, Operations.KioskMetrics metrics, CancellationToken ct) =>
        {
            if (request.ClientScanId == Guid.Empty)
                return Problems.Invalid("client-scan-id", "clientScanId is required: a new UUID made by the device for each scan.");
            var targets = (request.Token is not null ? 1 : 0) + (request.AttendeeId is not null ? 1 : 0) + (request.Anonymous ? 1 : 0);
            if (targets != 1) return Problems.Invalid("presence-target", "Send exactly one of token, attendeeId and anonymous=true.");
            var started = Operations.KioskMetrics.Start();
            request = request with { ScannedAt = http.OnServerClock(request.ScannedAt, time) };
            if (await desk.ScanAsync(request, http.User, ct) is not { } answer) return Problems.NotFound("Room");
            metrics.DoorScan(answer.Decision, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return TypedResults.Ok(answer);
        }).WithTags("Presence").RequireAuthorization(Policies.Desk).RequireRateLimiting(RateLimits.CheckIn).RecordsOutboxMark();
    }
}
