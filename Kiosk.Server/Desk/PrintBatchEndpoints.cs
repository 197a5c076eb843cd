using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kiosk.Server.Desk;

/// <summary>Badges ready before the doors open: staff send a selection to a kiosk or print station and watch it print.</summary>
public static class PrintBatchEndpoints
{
    public static void MapPrintBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var batches = app.MapFeature("/api/events/{eventId:int}/print-batches", "Help desk").RequireAuthorization(Policies.Staff);

        batches.MapPost("/", async Task<Results<Created<PrintBatchView>, ProblemHttpResult>> (
            int eventId, PrintBatchRequest request, PrintBatches batches, HttpContext http, CancellationToken ct) =>
        {
            var (batch, refusal) = await batches.CreateAsync(eventId, request, http.User.Actor(), ct);
            if (refusal is not null) return refusal.ToProblem();
            return TypedResults.Created($"/api/events/{eventId}/print-batches/{batch!.Id}", batch);
        }).WithName("CreatePrintBatch").WithSummary("Send a selection of badges to a kiosk or print station")
            .WithDescription("`{terminalId, category?, sessionId?, attendeeIds?}` (exactly one of the three): the attendees with a badge, erased ones left out, " +
                "by last name; each badge is a reprint order of the batch, printed once and in order while the printer is ready (a paper-out pauses it). Audited `badge.batch-ordered`.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/print-batch-selection`: not exactly one selection, or too many badges; `/problems/print-batch-empty`: nobody to print; " +
                "`/problems/reprint-terminal`: not an enrolled kiosk of the event.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        batches.MapGet("/", async (int eventId, PrintBatches batches, CancellationToken ct) => TypedResults.Ok(await batches.ListAsync(eventId, ct)))
            .WithName("ListPrintBatches").WithSummary("The event's print batches with their progress, newest first");

        batches.MapGet("/{batchId:guid}", async Task<Results<Ok<PrintBatchView>, ProblemHttpResult>> (int eventId, Guid batchId, PrintBatches batches, CancellationToken ct) =>
            await batches.ViewAsync(batchId, ct) is { } view && view.EventId == eventId ? TypedResults.Ok(view) : Problems.NotFound("Print batch"))
            .WithName("GetPrintBatch").WithSummary("One print batch: each badge in print order and when it printed")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }
}
