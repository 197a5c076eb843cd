using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Contracts;
using System.ComponentModel.DataAnnotations;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Rooms;

/// <summary>Door scans a device was answered for, asked after (at most <see cref="PresenceEndpoints.MaxAsked"/> at a time).</summary>
public sealed record ScanIdsRequest([Required, MaxLength(PresenceEndpoints.MaxAsked)] Guid[] ClientScanIds);

/// <summary>Those of the asked scans the server does not hold (its database was restored from an older copy).</summary>
public sealed record UnknownScans(Guid[] Unknown);

public static class PresenceEndpoints
{
    public const int MaxAsked = 500;

    public static void MapPresenceEndpoints(this IEndpointRouteBuilder app)
    {
        // The staff door page keeps the scans it was answered for a while and asks after them: what a power cut or
        // a restore of the server's database lost, it sends again (the client scan id stores each once).
        var presence = app.MapFeature("/api/presence", "Presence").RequireAuthorization(Policies.TerminalOrStaff);

        presence.MapPost("/unknown", async (ScanIdsRequest request, KioskDb db, CancellationToken ct) =>
        {
            var asked = request.ClientScanIds.Distinct().ToList();
            var known = await db.PresenceLog.AsNoTracking().Where(s => s.ClientScanId != null && asked.Contains(s.ClientScanId.Value))
                .Select(s => s.ClientScanId!.Value).ToListAsync(ct);
            return TypedResults.Ok(new UnknownScans(asked.Except(known).ToArray()));
        }).WithName("FindUnknownDoorScans").WithSummary("Which of these door scans the server does not hold")
            .WithDescription("`{clientScanIds: [at most 500]}` → `{unknown: […]}`: scans a power cut or a restore of the server's database lost; the door page sends them again.");

        presence.MapPost("/", async Task<Results<Ok<PresenceResponse>, ProblemHttpResult>> (
            PresenceRequest request, PresenceRecorder recorder, HttpContext http, TimeProvider time, Operations.KioskMetrics metrics, CancellationToken ct) =>
        {
            if (request.ClientScanId == Guid.Empty)
                return Problems.Invalid("client-scan-id", "clientScanId is required: a new UUID made by the device for each scan.");
            var targets = (request.Token is not null ? 1 : 0) + (request.AttendeeId is not null ? 1 : 0) + (request.Anonymous ? 1 : 0);
            if (targets != 1) return Problems.Invalid("presence-target", "Send exactly one of token, attendeeId and anonymous=true.");
            var started = Operations.KioskMetrics.Start();
            request = request with { ScannedAt = http.OnServerClock(request.ScannedAt, time) };
            if (await recorder.ScanAsync(request, http.User, ct) is not { } answer) return Problems.NotFound("Room");
            metrics.DoorScan(answer.Decision, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return TypedResults.Ok(answer);
        }).RequireRateLimiting(RateLimits.CheckIn).RecordsOutboxMark()
            .WithName("RecordDoorScan").WithSummary("Record a scan at a room's door")
            .WithDescription("`{token` or `attendeeId` or `anonymous: true, roomId, direction: in|out|toggle, clientScanId, scannedAt}` → `{decision, room: {inside, capacity, seq}, conflict, attendee}`. " +
                "The same `clientScanId` is stored once. Rate-limited per terminal or user (`RateLimits:CheckInPerSecond`).")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/client-scan-id`: no `clientScanId`; `/problems/presence-target`: not exactly one of `token`, `attendeeId` and `anonymous: true`.")
            .Refuses(StatusCodes.Status404NotFound, "`/problems/not-found`: no such room.");
    }
}
