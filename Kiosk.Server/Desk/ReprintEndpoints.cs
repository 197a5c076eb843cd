using Kiosk.Server.ApiDocs;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

public sealed record ReprintRequest(int TerminalId, string? Reason);
public sealed record ReprintView(Guid Id, int AttendeeId, int TerminalId, string Reason, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? PrintedAt);

/// <summary>Staff reprint a badge at a kiosk of their choice; every order and its print are in the audit log.</summary>
public static class ReprintEndpoints
{
    public static void MapReprintEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapFeature("/api/attendees/{attendeeId:int}/reprints", "Help desk").RequireAuthorization(Policies.Staff);

        orders.MapPost("/", async Task<Results<Created<ReprintView>, ProblemHttpResult>> (
            int attendeeId, ReprintRequest request, DeskActs desk, HttpContext http, CancellationToken ct) =>
        {
            var (order, refusal) = await desk.OrderReprintAsync(attendeeId, request.TerminalId, request.Reason, http.User.Actor(), ct);
            if (refusal is not null) return refusal.ToProblem();
            return TypedResults.Created($"/api/attendees/{attendeeId}/reprints/{order!.Id}", View(order));
        }).WithName("OrderReprint").WithSummary("Order a badge reprint at a chosen kiosk")
            .WithDescription("`{terminalId, reason}`: pushed to the kiosk over SignalR (`reprintOrdered` on `/hubs/terminal`), printed once and confirmed by the kiosk. Audited.")
            .Refuses(StatusCodes.Status400BadRequest, DeskAnswers.ReprintInvalid)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, DeskAnswers.Erased);

        orders.MapGet("/", async (int attendeeId, KioskDb db) =>
            TypedResults.Ok((await db.Reprints.AsNoTracking().Where(r => r.AttendeeId == attendeeId).OrderBy(r => r.RequestedAt).ToListAsync()).Select(View).ToList()))
            .WithName("ListReprints").WithSummary("The attendee's reprint orders, printed or pending");

        var terminal = app.MapFeature("/api/terminal/reprints", "Terminal sync").RequireAuthorization(Policies.Terminal);

        terminal.MapGet("/", async (HttpContext http, KioskDb db) =>
        {
            var terminalId = http.User.TerminalId();
            return TypedResults.Ok(await db.Reprints.AsNoTracking().Where(r => r.TerminalId == terminalId && r.PrintedAt == null)
                .OrderBy(r => r.RequestedAt).ThenBy(r => r.BatchPosition).Select(r => new ReprintOrder(r.Id, r.AttendeeId, r.Reason, r.RequestedAt)).ToListAsync());
        }).WithName("ListPendingReprints").WithSummary("Reprint orders waiting at the calling kiosk");

        terminal.MapPost("/self-service", SelfReprintedAsync).RecordsOutboxMark()
            .WithName("RecordSelfServiceReprint").WithSummary("A visitor reprinted their badge at the kiosk")
            .WithDescription("`{reprintId, attendeeId, printedAt}`, sent afterwards through the kiosk's outbox: recorded once (the kiosk's `reprintId` is the key) and never refused for what was printed; audited `badge.self-reprinted`, flagged when the event does not allow it.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/reprint-id`: no `reprintId`.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        // The kiosk confirms the print; confirming twice changes nothing.
        terminal.MapPost("/{orderId:guid}/printed", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid orderId, HttpContext http, KioskDb db, PrintBatches batches, AuditLog audit, TimeProvider time, CancellationToken ct) =>
        {
            var terminalId = http.User.TerminalId();
            var order = await db.Reprints.FirstOrDefaultAsync(r => r.Id == orderId && r.TerminalId == terminalId, ct);
            if (order is null) return Problems.NotFound("Reprint order");
            if (order.PrintedAt is not null) return TypedResults.NoContent();
            if (order.BatchId is not null) await batches.ConfirmPrintedAsync(order, ct);
            else
            {
                order.PrintedAt = time.GetUtcNow();
                await db.SaveChangesAsync(ct);
            }
            await audit.WriteAsync(http.User.Actor(), "badge.reprinted", order.EventId, order.AttendeeId, terminalId, $"order {order.Id}");
            return TypedResults.NoContent();
        }).RecordsOutboxMark()
            .WithName("ConfirmReprintPrinted").WithSummary("The kiosk confirms it printed a reprint order")
            .WithDescription("Repeats change nothing. Audited `badge.reprinted`. A badge of a print batch is then marked as waiting at the counter (`badgeAtCounter` in the roster).")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The kiosk already printed (offline if need be) and tells the server afterwards through its outbox; the
    /// server records it once (the kiosk's id for it is the key) and never refuses what was printed, but the
    /// audit entry says when it fell outside the event's rules.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> SelfReprintedAsync(SelfReprintNotice notice, HttpContext http, KioskDb db, AuditLog audit)
    {
        if (notice.ReprintId == Guid.Empty) return Problems.Invalid("reprint-id", "reprintId is required: the kiosk's id for this print.");
        var terminalId = http.User.TerminalId()!.Value;
        var eventId = http.User.TerminalEventId()!.Value;
        if (await db.Reprints.AsNoTracking().AnyAsync(r => r.Id == notice.ReprintId)) return TypedResults.NoContent();
        var attendee = await db.Attendees.AsNoTracking().Where(a => a.Id == notice.AttendeeId && a.EventId == eventId)
            .Select(a => new { a.Id, a.Event!.SelfServiceReprint }).FirstOrDefaultAsync();
        if (attendee is null) return Problems.NotFound("Attendee");
        var earlier = await db.Reprints.AsNoTracking().CountAsync(r => r.AttendeeId == notice.AttendeeId && r.SelfService);
        db.Reprints.Add(new Reprint
        {
            Id = notice.ReprintId, EventId = eventId, AttendeeId = notice.AttendeeId, TerminalId = terminalId, SelfService = true,
            Reason = "self-service", RequestedBy = http.User.Actor(), RequestedAt = notice.PrintedAt, PrintedAt = notice.PrintedAt,
        });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { return TypedResults.NoContent(); }
        var flags = (attendee.SelfServiceReprint ? "" : " (event does not allow it)") + (earlier > 0 ? $" (already {earlier} before)" : "");
        await audit.WriteAsync(http.User.Actor(), "badge.self-reprinted", eventId, notice.AttendeeId, terminalId, $"print {notice.ReprintId}{flags}");
        return TypedResults.NoContent();
    }

    internal static ReprintView View(Reprint r) => new(r.Id, r.AttendeeId, r.TerminalId, r.Reason, r.RequestedBy, r.RequestedAt, r.PrintedAt);
}
