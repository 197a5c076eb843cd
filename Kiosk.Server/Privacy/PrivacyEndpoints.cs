using System.Text.Json;
using Kiosk.Server.ApiDocs;
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
        var attendees = app.MapFeature("/api/attendees", "Privacy").RequireAuthorization(Policies.Organizer);

        attendees.MapGet("/{id:int}/personal-data", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            int id, KioskDb db, AuditLog audit, IOptions<PrivacyOptions> privacy, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
            TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var export = await PersonalDataExport.CollectAsync(db, id, privacy.Value.RetentionDays, time.GetUtcNow(), ct);
            if (export is null) return Problems.NotFound("Attendee");
            await audit.WriteAsync(http.User.Actor(), "privacy.exported", export.Attendee.EventId, id);
            var options = new JsonSerializerOptions(json.Value.SerializerOptions) { WriteIndented = true };
            return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(export, options), "application/json", $"attendee-{id}-personal-data.json");
        }).WithName("ExportPersonalData").WithSummary("Art. 15 DSGVO: everything stored about one person, as a JSON download")
            .WithDescription("See Datenschutz / privacy in the README for what it holds. Audited `privacy.exported`.")
            .ProducesFile("application/json").ProducesProblems(StatusCodes.Status404NotFound);

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
        }).WithName("EraseAttendee").WithSummary("Art. 17 DSGVO: erase one person's personal data")
            .WithDescription("`{reason}` → the person's data anonymised at once, the badge replaced, the kiosks told. Audited `privacy.erased` (the reason without the person's data).")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/erase-reason`: no reason, or too long.")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, "`/problems/already-erased`: erased already.");
    }
}
