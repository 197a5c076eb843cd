using System.ComponentModel.DataAnnotations;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

public sealed record ReprintRequest(int TerminalId, [Required, MaxLength(200)] string Reason);
public sealed record ReprintView(Guid Id, int AttendeeId, int TerminalId, string Reason, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? PrintedAt);

/// <summary>Staff reprint a badge at a kiosk of their choice; every order and its print are in the audit log.</summary>
public static class ReprintEndpoints
{
    public static void MapReprintEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/attendees/{attendeeId:int}/reprints", async Task<Results<Created<ReprintView>, ProblemHttpResult>> (
            int attendeeId, ReprintRequest request, KioskDb db, TerminalPushes pushes, AuditLog audit, TimeProvider time, HttpContext http) =>
        {
            if (string.IsNullOrWhiteSpace(request.Reason)) return Problems.Invalid("reprint-reason", "Say why the badge is printed again.");
            var attendee = await db.Attendees.AsNoTracking().Where(a => a.Id == attendeeId).Select(a => new { a.Id, a.EventId }).FirstOrDefaultAsync();
            if (attendee is null) return Problems.NotFound("Attendee");
            var kiosk = await db.Terminals.AsNoTracking().AnyAsync(t => t.Id == request.TerminalId && t.EventId == attendee.EventId && t.RevokedAt == null && t.KeyHash != null);
            if (!kiosk) return Problems.Invalid("reprint-terminal", "Choose an enrolled kiosk of the attendee's event.");
            var order = new Reprint
            {
                Id = Guid.NewGuid(), EventId = attendee.EventId, AttendeeId = attendeeId, TerminalId = request.TerminalId,
                Reason = request.Reason.Trim(), RequestedBy = http.User.Actor(), RequestedAt = time.GetUtcNow(),
            };
            db.Reprints.Add(order);
            await db.SaveChangesAsync();
            await audit.WriteAsync(order.RequestedBy, "badge.reprint-ordered", order.EventId, attendeeId, order.TerminalId, $"order {order.Id}: {order.Reason}");
            await pushes.ReprintOrderedAsync(order.TerminalId);
            return TypedResults.Created($"/api/attendees/{attendeeId}/reprints/{order.Id}", View(order));
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

    private static ReprintView View(Reprint r) => new(r.Id, r.AttendeeId, r.TerminalId, r.Reason, r.RequestedBy, r.RequestedAt, r.PrintedAt);
}
