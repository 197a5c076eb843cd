using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiosk.Server.CheckIn;

public static class CheckInEndpoints
{
    public static void MapCheckInEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapFeature("/api/checkins", "Check-in");

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
        }).RequireAuthorization(Policies.TerminalOrStaff).RequireRateLimiting(RateLimits.CheckIn).RecordsOutboxMark()
            .WithName("CheckIn").WithSummary("Record a check-in")
            .WithDescription("`{token` or `attendeeId, clientScanId, scannedAt, badgePrinted?, reason?}` → the outcome (see Check-in outcomes in the README) and an attendee summary. " +
                "The same `clientScanId` always gets the same answer and is stored once, however often and however concurrently it is sent. " +
                "Staff check-ins are audited with their `reason` (the desk asks for one). Rate-limited per terminal or user (`RateLimits:CheckInPerSecond`).")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/client-scan-id`: no `clientScanId`; `/problems/checkin-target`: not exactly one of `token` and `attendeeId`; `/problems/reason`: the reason is too long or has control characters.");
    }
}
