using Kiosk.Server.ApiDocs;
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
        var attendees = app.MapFeature("/api/attendees/{id:int}", "Help desk").RequireAuthorization(Policies.Staff);

        attendees.MapGet("/desk", async Task<Results<Ok<AttendeeDesk>, ProblemHttpResult>> (int id, KioskDb db, TimeProvider time, CancellationToken ct) =>
            await DeskViews.ForAttendeeAsync(db, id, time.GetUtcNow(), ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound("Attendee"))
            .WithName("GetAttendeeDesk").WithSummary("The help desk's view of one attendee: the whole story")
            .WithDescription("Attendee, arrival (time, kiosk or staff user), badge id/version/issued, check-in scans, undos, prints (the first print at check-in, reprint orders; " +
                "an unconfirmed one with `held`: what its kiosk last reported in the way), audit entries, and `anonymisedAt` after an erasure or purge.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        attendees.MapPatch("/", async Task<Results<Ok<CorrectionResult>, ProblemHttpResult>> (
            int id, CorrectionRequest request, DeskActs desk, HttpContext http, CancellationToken ct) =>
            Answer(await desk.CorrectAsync(id, request, http.User.Actor(), ct)))
            .WithName("CorrectAttendee").WithSummary("Correct an attendee's names or organization")
            .WithDescription("`{title?, firstName?, lastName?, organization?, reason, reprintAt?}`: null leaves a field, `\"\"` clears title, first name or organization; reaches every kiosk by the roster; " +
                "audited with the changed field names and the reason only; `reprintAt: terminalId` also orders a reprint there.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/reason`: no reason, or too long; `/problems/correction-characters`, `/problems/correction-length`, `/problems/correction-empty-name`, " +
                "`/problems/correction-unchanged`: the corrected fields; `/problems/reprint-terminal`: `reprintAt` is not an enrolled kiosk of the attendee's event.")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, DeskAnswers.Erased);

        attendees.MapPost("/badge/reissue", async Task<Results<Ok<ReissueResult>, ProblemHttpResult>> (
            int id, ReasonRequest request, DeskActs desk, HttpContext http, CancellationToken ct) =>
            Answer(await desk.ReissueAsync(id, request.Reason, http.User.Actor(), ct)))
            .WithName("ReissueBadge").WithSummary("Issue a new badge version; older versions are refused as revoked")
            .WithDescription("`{reason}`: badge version + 1; tokens of older versions are refused as revoked (by the server, and by kiosks after their roster sync). Audited.")
            .Refuses(StatusCodes.Status400BadRequest, DeskAnswers.Reason)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, DeskAnswers.Erased);

        attendees.MapPost("/checkin/undo", async Task<Results<Ok<UndoResult>, ProblemHttpResult>> (
            int id, ReasonRequest request, DeskActs desk, HttpContext http, CancellationToken ct) =>
            Answer(await desk.UndoCheckInAsync(id, request.Reason, http.User.Actor(), ct)))
            .WithName("UndoCheckIn").WithSummary("Take back an attendee's check-in so they can check in again")
            .WithDescription("`{reason}`: clears the arrival; the scans stay, and the undo is kept beside them. Audited.")
            .Refuses(StatusCodes.Status400BadRequest, DeskAnswers.Reason)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, "`/problems/not-checked-in`: nothing to undo; " + DeskAnswers.Erased);

        // Staff choose where to reprint; the organizers' terminal list says more than the desk needs.
        app.MapFeature("", "Help desk").MapGet("/api/events/{eventId:int}/desk/kiosks", async (int eventId, KioskDb db, TimeProvider time, CancellationToken ct) =>
        {
            var kiosks = await db.Terminals.AsNoTracking()
                .Where(t => t.EventId == eventId && t.KeyHash != null && t.RevokedAt == null).OrderBy(t => t.Name)
                .Select(t => new { t.Id, t.Name, t.LastSeenAt }).ToListAsync(ct);
            var now = time.GetUtcNow();
            return TypedResults.Ok(kiosks.Select(k => new DeskKiosk(k.Id, k.Name, k.LastSeenAt, Dashboard.DashboardRules.IsOnline(k.LastSeenAt, now))).ToList());
        }).RequireAuthorization(Policies.Staff)
            .WithName("ListReprintKiosks").WithSummary("The event's enrolled kiosks, to choose where to reprint")
            .WithDescription("Id, name, last seen and `online` (heard from lately, as on the dashboard).");
    }

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>((T? Value, DeskRefusal? Refusal) act) where T : class =>
        act.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(act.Value!);
}

/// <summary>What the help desk's refusals mean, as the API reference tells callers.</summary>
internal static class DeskAnswers
{
    public const string Reason = "`/problems/reason`: no reason, longer than 200 characters, or with control characters.";
    public const string ReprintInvalid = "`/problems/reprint-reason`: no reason, or too long; `/problems/reprint-terminal`: not an enrolled kiosk of the attendee's event.";
    public const string Erased = "`/problems/erased`: the attendee's personal data has been erased (Art. 17 or the retention purge); nothing is changed or printed.";
}
