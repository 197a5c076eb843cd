using Kiosk.Server.Auth;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiosk.Server.CheckIn;

public static class CheckInEndpoints
{
    public static void MapCheckInEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/checkins").WithTags("Check-in");

        group.MapPost("/", async Task<Results<Ok<CheckInResponse>, ProblemHttpResult>> (
            CheckInRequest request, CheckInRecorder recorder, HttpContext http, TimeProvider time, Operations.KioskMetrics metrics, CancellationToken ct) =>
        {
            if (request.ClientScanId == Guid.Empty)
                return Problems.Invalid("client-scan-id", "clientScanId is required: a new UUID made by the device for each scan.");
            if ((request.Token is null) == (request.AttendeeId is null))
                return Problems.Invalid("checkin-target", "Send either token or attendeeId, not both.");
            if (request.Reason is not null && Desk.DeskRules.CheckReason(request.Reason) is { } badReason)
                return Problems.Invalid(badReason.Slug, badReason.Detail);

            var started = Operations.KioskMetrics.Start();
            request = request with { ScannedAt = http.OnServerClock(request.ScannedAt, time) };
            var answer = await recorder.CheckInAsync(request, http.User, ct);
            metrics.CheckIn(answer.Outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return TypedResults.Ok(answer);
        }).RequireAuthorization(Policies.TerminalOrStaff).RequireRateLimiting(RateLimits.CheckIn).RecordsOutboxMark();
    }
}
