using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

public sealed record ReasonRequest(string? Reason);
/// <summary>A kiosk to reprint at; <c>Online</c> as on the dashboard (heard from lately), so staff can choose one that prints now.</summary>
public sealed record DeskKiosk(int Id, string Name, DateTimeOffset? LastSeenAt, bool Online);

/// <summary>The help desk: one attendee's whole story, and the acts that change it (all audited).</summary>
public static class DeskEndpoints
{
    public static void MapDeskEndpoints(this IEndpointRouteBuilder app)
    {
        var attendees = app.MapGroup("/api/attendees/{id:int}").WithTags("Desk").RequireAuthorization(Policies.Staff);

        attendees.MapGet("/desk", async Task<Results<Ok<AttendeeDesk>, ProblemHttpResult>> (int id, KioskDb db, TimeProvider time, CancellationToken ct) =>
            await DeskViews.ForAttendeeAsync(db, id, time.GetUtcNow(), ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound("Attendee"));

        attendees.MapPatch("/", async Task<Results<Ok<CorrectionResult>, ProblemHttpResult>> (
            int id, CorrectionRequest request, DeskActs desk, HttpContext http, CancellationToken ct) =>
            Answer(await desk.CorrectAsync(id, request, http.User.Actor(), ct)));

        attendees.MapPost("/badge/reissue", async Task<Results<Ok<ReissueResult>, ProblemHttpResult>> (
            int id, ReasonRequest request, DeskActs desk, HttpContext http, CancellationToken ct) =>
            Answer(await desk.ReissueAsync(id, request.Reason, http.User.Actor(), ct)));

        attendees.MapPost("/checkin/undo", async Task<Results<Ok<UndoResult>, ProblemHttpResult>> (
            int id, ReasonRequest request, DeskActs desk, HttpContext http, CancellationToken ct) =>
            Answer(await desk.UndoCheckInAsync(id, request.Reason, http.User.Actor(), ct)));

        // Staff choose where to reprint; the organizers' terminal list says more than the desk needs.
        app.MapGet("/api/events/{eventId:int}/desk/kiosks", async (int eventId, KioskDb db, TimeProvider time, CancellationToken ct) =>
        {
            var kiosks = await db.Terminals.AsNoTracking()
                .Where(t => t.EventId == eventId && t.KeyHash != null && t.RevokedAt == null).OrderBy(t => t.Name)
                .Select(t => new { t.Id, t.Name, t.LastSeenAt }).ToListAsync(ct);
            var now = time.GetUtcNow();
            return TypedResults.Ok(kiosks.Select(k => new DeskKiosk(k.Id, k.Name, k.LastSeenAt, Dashboard.DashboardRules.IsOnline(k.LastSeenAt, now))).ToList());
        })
            .WithTags("Desk").RequireAuthorization(Policies.Staff);
    }

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>((T? Value, DeskRefusal? Refusal) act) where T : class =>
        act.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(act.Value!);
}
