using Kiosk.Server.ApiDocs;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

/// <summary>An open "Fehler auf dem Badge?" request as the desk lists it: who, what they marked, at which kiosk, when.</summary>
public sealed record CorrectionRequestView(
    int Id, int AttendeeId, string AttendeeName, IReadOnlyList<string> Fields, int TerminalId, string Kiosk, DateTimeOffset RequestedAt);

/// <summary>Correction requests from the kiosks' badge preview, and the desk's list of them.</summary>
public static class CorrectionRequestEndpoints
{
    public static void MapCorrectionRequestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapFeature("/api/terminal/corrections", "Terminal sync").RequireAuthorization(Policies.Terminal)
            .MapPost("/", RequestedAsync).RecordsOutboxMark()
            .WithName("RecordCorrectionRequest").WithSummary("A visitor said the badge preview is wrong; nothing was printed")
            .WithDescription("`{clientId, attendeeId, fields, requestedAt}`, sent through the kiosk's outbox: `fields` any of `Name`, `Title`, `Organization` " +
                "(as flags). Recorded once per `clientId`; audited `badge.correction-requested`. The desk lists it until it reprints the badge or resolves it.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        var desk = app.MapFeature("", "Help desk").RequireAuthorization(Policies.Staff);

        desk.MapGet("/api/events/{eventId:int}/desk/corrections", async (int eventId, KioskDb db, CancellationToken ct) =>
        {
            var open = await db.CorrectionRequests.AsNoTracking().Where(r => r.EventId == eventId && r.ResolvedAt == null).OrderBy(r => r.RequestedAt)
                .Join(db.Attendees, r => r.AttendeeId, a => a.Id, (r, a) => new { r, a.Title, a.FirstName, a.LastName })
                .Join(db.Terminals, x => x.r.TerminalId, t => t.Id, (x, t) => new { x.r, x.Title, x.FirstName, x.LastName, Kiosk = t.Name })
                .ToListAsync(ct);
            return TypedResults.Ok(open.Select(x => new CorrectionRequestView(x.r.Id, x.r.AttendeeId,
                Kiosk.Shared.Text.PersonNameRules.DisplayName(x.Title, x.FirstName, x.LastName), BadgeFieldNames.Names(x.r.Fields),
                x.r.TerminalId, x.Kiosk, x.r.RequestedAt)).ToList());
        }).WithName("ListCorrectionRequests").WithSummary("Open correction requests from the kiosks' badge preview")
            .WithDescription("Oldest first: attendee, the fields the visitor marked (`name`, `title`, `organization`), the kiosk (reprint there) and the time.");

        desk.MapPost("/api/corrections/{id:int}/resolve", async Task<Results<NoContent, ProblemHttpResult>> (
            int id, KioskDb db, AuditLog audit, HttpContext http, TimeProvider time, CancellationToken ct) =>
        {
            var request = await db.CorrectionRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (request is null) return Problems.NotFound("Correction request");
            if (request.ResolvedAt is not null) return TypedResults.NoContent();
            Resolve(request, http.User.Actor(), time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(http.User.Actor(), "badge.correction-resolved", request.EventId, request.AttendeeId, request.TerminalId, $"request {request.Id}");
            return TypedResults.NoContent();
        }).WithName("ResolveCorrectionRequest").WithSummary("Take a correction request off the desk's list")
            .WithDescription("Repeats change nothing. A reprint ordered for the attendee resolves their open requests by itself. Audited `badge.correction-resolved`.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    internal static void Resolve(BadgeCorrectionRequest request, string actor, DateTimeOffset now)
    {
        request.ResolvedAt = now;
        request.ResolvedBy = actor;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RequestedAsync(
        CorrectionRequestNotice notice, HttpContext http, KioskDb db, AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (notice.ClientId == Guid.Empty) errors["clientId"] = ["The kiosk's id for this request is required."];
        if ((notice.Fields & ~BadgeFieldNames.All) != 0) errors["fields"] = ["Only Name, Title and Organization."];
        if (notice.AttendeeId <= 0) errors["attendeeId"] = ["The attendee is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: "/problems/correction-request");

        var terminalId = http.User.TerminalId()!.Value;
        var eventId = http.User.TerminalEventId()!.Value;
        if (await db.CorrectionRequests.AsNoTracking().AnyAsync(r => r.ClientId == notice.ClientId, ct)) return TypedResults.NoContent();
        if (!await db.Attendees.AsNoTracking().AnyAsync(a => a.Id == notice.AttendeeId && a.EventId == eventId, ct)) return Problems.NotFound("Attendee");
        var request = new BadgeCorrectionRequest
        {
            EventId = eventId, AttendeeId = notice.AttendeeId, TerminalId = terminalId, ClientId = notice.ClientId,
            Fields = notice.Fields, RequestedAt = notice.RequestedAt,
        };
        db.CorrectionRequests.Add(request);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { return TypedResults.NoContent(); }
        await audit.WriteAsync(http.User.Actor(), "badge.correction-requested", eventId, notice.AttendeeId, terminalId,
            $"request {request.Id}; fields {string.Join(", ", BadgeFieldNames.Names(notice.Fields))}");
        return TypedResults.NoContent();
    }
}
