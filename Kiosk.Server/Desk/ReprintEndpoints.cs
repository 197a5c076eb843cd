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
        app.MapPost("/api/attendees/{attendeeId:int}/reprints", async Task<Results<Created<ReprintView>, ProblemHttpResult>> (
            int attendeeId, ReprintRequest request, DeskActs desk, HttpContext http, CancellationToken ct) =>
        {
            var (order, refusal) = await desk.OrderReprintAsync(attendeeId, request.TerminalId, request.Reason, http.User.Actor(), ct);
            if (refusal is not null) return refusal.ToProblem();
            return TypedResults.Created($"/api/attendees/{attendeeId}/reprints/{order!.Id}", View(order));
        }).WithTags("Desk").RequireAuthorization(Policies.Staff);

        app.MapGet("/api/attendees/{attendeeId:int}/reprints", async (int attendeeId, KioskDb db) =>
            TypedResults.Ok((await db.Reprints.AsNoTracking().Where(r => r.AttendeeId == attendeeId).OrderBy(r => r.RequestedAt).ToListAsync()).Select(View).ToList()))
            .WithTags("Desk").RequireAuthorization(Policies.Staff);

        var terminal = app.MapGroup("/api/terminal/reprints").WithTags("Terminal sync").RequireAuthorization(Policies.Terminal);

        terminal.MapGet("/", async (HttpContext http, KioskDb db) =>
        {
            var terminalId = http.User.TerminalId();
            return TypedResults.Ok(await db.Reprints.AsNoTracking().Where(r => r.TerminalId == terminalId && r.PrintedAt == null)
                .OrderBy(r => r.RequestedAt).Select(r => new ReprintOrder(r.Id, r.AttendeeId, r.Reason, r.RequestedAt)).ToListAsync());
        });

        // The kiosk confirms the print; confirming twice changes nothing.
        terminal.MapPost("/{orderId:guid}/printed", async Task<Results<NoContent, ProblemHttpResult>> (Guid orderId, HttpContext http, KioskDb db, AuditLog audit, TimeProvider time) =>
        {
            var terminalId = http.User.TerminalId();
            var order = await db.Reprints.FirstOrDefaultAsync(r => r.Id == orderId && r.TerminalId == terminalId);
            if (order is null) return Problems.NotFound("Reprint order");
            if (order.PrintedAt is not null) return TypedResults.NoContent();
            order.PrintedAt = time.GetUtcNow();
            await db.SaveChangesAsync();
            await audit.WriteAsync(http.User.Actor(), "badge.reprinted", order.EventId, order.AttendeeId, terminalId, $"order {order.Id}");
            return TypedResults.NoContent();
        });
    }

    internal static ReprintView View(Reprint r) => new(r.Id, r.AttendeeId, r.TerminalId, r.Reason, r.RequestedBy, r.RequestedAt, r.PrintedAt);
}
