using System.Text.Json;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Privacy;

public sealed record EraseRequest(string? Reason);
public sealed record EraseResponse(int AttendeeId, DateTimeOffset ErasedAt);

/// <summary>Data subject rights for organizers: Art. 15 export and Art. 17 erasure of one attendee.</summary>
public static class PrivacyEndpoints
{
    public static void MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var attendees = app.MapGroup("/api/attendees").WithTags("Privacy").RequireAuthorization(Policies.Organizer);

        attendees.MapGet("/{id:int}/personal-data", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            int id, KioskDb db, AuditLog audit, IOptions<PrivacyOptions> privacy, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
            TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var export = await PersonalDataExport.CollectAsync(db, id, privacy.Value.RetentionDays, time.GetUtcNow(), ct);
            if (export is null) return Problems.NotFound("Attendee");
            await audit.WriteAsync(http.User.Actor(), "privacy.exported", export.Attendee.EventId, id);
            var options = new JsonSerializerOptions(json.Value.SerializerOptions) { WriteIndented = true };
            return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(export, options), "application/json", $"attendee-{id}-personal-data.json");
        });

        attendees.MapPost("/{id:int}/erase", async Task<Results<Ok<EraseResponse>, ProblemHttpResult>> (
            int id, EraseRequest request, Erasure erasure, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            if (ErasureRules.Problem(request.Reason) is { } problem) return Problems.Invalid("erase-reason", problem);
            return await erasure.EraseAsync(id, request.Reason!, http.User.Actor(), ct) switch
            {
                EraseOutcome.NotFound => Problems.NotFound("Attendee"),
                EraseOutcome.AlreadyErased => Problems.Conflict("already-erased", "This attendee's personal data was erased already."),
                _ => TypedResults.Ok(new EraseResponse(id, time.GetUtcNow())),
            };
        });
    }
}
