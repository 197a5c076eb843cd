using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Audit;

public sealed record AuditEntryView(long Id, DateTimeOffset At, string Actor, string Action, int? AttendeeId, int? TerminalId, string? Details);

/// <summary>A page of entries; pass <c>Before</c> as <c>before</c> for the next (older) page, null when there is none.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, long? Before);

/// <summary>Organizers read the audit log. There is deliberately no route that changes or deletes an entry.</summary>
public static class AuditEndpoints
{
    public const int MaxLimit = 200;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapFeature("/api/events/{eventId:int}", "Audit").MapGet("/audit", async Task<Results<Ok<AuditPage>, ProblemHttpResult>> (
            int eventId, KioskDb db, CancellationToken ct, int? attendeeId = null, [StringLength(60), NoControlCharacters] string? action = null, long? before = null, int limit = 50) =>
        {
            if (limit is < 1 or > MaxLimit) return Problems.Invalid("audit-limit", $"limit must be 1 to {MaxLimit}.");
            var query = db.AuditLog.AsNoTracking().Where(a => a.EventId == eventId);
            if (attendeeId is { } attendee) query = query.Where(a => a.AttendeeId == attendee);
            if (!string.IsNullOrWhiteSpace(action)) query = query.Where(a => a.Action == action.Trim());
            if (before is { } b) query = query.Where(a => a.Id < b);
            var rows = await query.OrderByDescending(a => a.Id).Take(limit + 1)
                .Select(a => new AuditEntryView(a.Id, a.At, a.Actor, a.Action, a.AttendeeId, a.TerminalId, a.Details)).ToListAsync(ct);
            var page = rows.Take(limit).ToList();
            return TypedResults.Ok(new AuditPage(page, rows.Count > limit ? page[^1].Id : null));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("ReadAuditLog").WithSummary("The event's audit log, newest first")
            .WithDescription("`?attendeeId=&action=&before=&limit=`: at most 200 a page (`limit`, default 50); pass the page's `before` as `before` for the next, older page (null when there is none). " +
                "No route changes or deletes entries.")
            .ProducesValidationProblem()
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/audit-limit`: `limit` not 1 to 200; `/problems/validation`: `action` longer than 60 characters or with control characters.");
    }
}
