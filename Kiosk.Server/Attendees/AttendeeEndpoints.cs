using Kiosk.Server.ApiDocs;
using Kiosk.Server.Attendees.Import;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Shared.Badges;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Attendees;

/// <summary>A kiosk search hit: enough for visitors to recognise themselves, no more (last name as initial).</summary>
public sealed record KioskSearchHit(int AttendeeId, string? Title, string FirstName, string LastNameInitial, string? Organization);

public sealed record AttendeeResponse(
    int Id, int EventId, string? ExternalId, string? Title, string FirstName, string LastName, string? Organization,
    AttendeeCategory Category, string? Email, AttendeeStatus Status, DateTimeOffset? CheckedInAt);

public sealed record BadgeTokenResponse(Guid BadgeId, int Version, string Token);

public static class AttendeeEndpoints
{
    public const int KioskResultLimit = 5;
    public const int StaffResultLimit = 50;

    public static void MapAttendeeEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapFeature("/api/events/{eventId:int}/attendees", "Attendees");

        events.MapGet("/search", async Task<Results<Ok<KioskSearchHit[]>, Ok<AttendeeResponse[]>, ProblemHttpResult>> (
            int eventId, string? q, HttpContext http, AttendeeSearch search, KioskDb db, CancellationToken ct) =>
        {
            if (!Shared.Text.NameMatch.IsSearchable(q))
                return Problems.Invalid("query-too-short", $"Type at least {Shared.Text.NameMatch.MinimumQueryLength} letters.");

            var staff = http.User.TerminalEventId() is null;
            var hits = await search.FindAsync(eventId, q!, staff ? StaffResultLimit : KioskResultLimit, staff, ct);
            var ids = hits.Select(h => h.AttendeeId).ToList();
            var rows = await db.Attendees.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            var ranked = ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
            return staff
                ? TypedResults.Ok(ranked.Select(ToResponse).ToArray())
                : TypedResults.Ok(ranked.Select(a => new KioskSearchHit(a.Id, a.Title, a.FirstName, a.LastName[..1] + ".", a.Organization)).ToArray());
        }).RequireAuthorization(Policies.TerminalOrStaff).RequireRateLimiting(RateLimits.Search)
            .WithName("SearchAttendees").WithSummary("Find attendees by name: ranked, typo- and umlaut-tolerant")
            .WithDescription("`?q=` at least 3 letters. Staff get up to 50 attendees as below; kiosks get at most 5 hits with the last name as initial only " +
                "(`[{attendeeId, title, firstName, lastNameInitial, organization}]`). Rate-limited per terminal or user (`RateLimits:SearchPerSecond`).")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/query-too-short`: fewer than 3 letters.");

        app.MapFeature("/api/events/{eventId:int}/attendees", "Imports").MapPost("/import", AttendeeImportEndpoint.HandleAsync)
            .RequireAuthorization(Policies.Organizer).DisableAntiforgery()
            .WithName("ImportAttendees").WithSummary("Import registrations from a CSV file and wait for the result")
            .WithDescription("Multipart field `file` (at most 20 MB; larger files go to `POST /api/events/{eventId}/imports`), `?dryRun=true` to see the result without writing → " +
                "`{created, updated, unchanged, rejected: [{line, reason, code, value}]}` (`reason` in English; `code` is stable, e.g. `name-missing`, `email-invalid`, `same-attendee`, for translations). " +
                "Formats and matching: CSV import in the README. Audited `attendees.imported` unless a dry run.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/import-file`: no multipart field `file`; `/problems/import-unreadable`: not a CSV file this server reads.")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status413PayloadTooLarge, "`/problems/import-too-large`: more than 20 MB.");

        var attendees = app.MapFeature("/api/attendees", "Attendees").RequireAuthorization(Policies.Staff);

        attendees.MapGet("/{id:int}", async Task<Results<Ok<AttendeeResponse>, ProblemHttpResult>> (int id, KioskDb db) =>
            await db.Attendees.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id) is { } a ? TypedResults.Ok(ToResponse(a)) : Problems.NotFound("Attendee"))
            .WithName("GetAttendee").WithSummary("One attendee")
            .ProducesProblems(StatusCodes.Status404NotFound);

        attendees.MapGet("/{id:int}/badge", async Task<Results<Ok<BadgeTokenResponse>, ProblemHttpResult>> (int id, KioskDb db, BadgeKeys keys) =>
            await TokenAsync(id, db, keys) is { } t ? TypedResults.Ok(t) : Problems.NotFound("Attendee"))
            .WithName("GetBadgeToken").WithSummary("The attendee's signed badge token")
            .WithDescription("`{badgeId, version, token}`; the token format is described under Badge token in the README.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        attendees.MapGet("/{id:int}/badge.png", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int id, KioskDb db, BadgeKeys keys) =>
            await TokenAsync(id, db, keys) is { } t ? TypedResults.File(BadgeQr.Png(t.Token), "image/png") : Problems.NotFound("Attendee"))
            .WithName("GetBadgeQrPng").WithSummary("The badge's QR code as PNG")
            .ProducesFile("image/png")
            .ProducesProblems(StatusCodes.Status404NotFound);

        attendees.MapGet("/{id:int}/badge.svg", async Task<Results<ContentHttpResult, ProblemHttpResult>> (int id, KioskDb db, BadgeKeys keys) =>
            await TokenAsync(id, db, keys) is { } t ? TypedResults.Content(BadgeQr.Svg(t.Token), "image/svg+xml") : Problems.NotFound("Attendee"))
            .WithName("GetBadgeQrSvg").WithSummary("The badge's QR code as SVG")
            .ProducesFile("image/svg+xml")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static async Task<BadgeTokenResponse?> TokenAsync(int attendeeId, KioskDb db, BadgeKeys keys)
    {
        var row = await db.Attendees.AsNoTracking().Where(a => a.Id == attendeeId)
            .Select(a => new { a.Event, a.Badge, a.Category }).FirstOrDefaultAsync();
        if (row?.Event is null || row.Badge is null) return null;
        return new BadgeTokenResponse(row.Badge.Id, row.Badge.Version, await keys.SignAsync(row.Event, row.Badge, row.Category));
    }

    internal static AttendeeResponse ToResponse(Attendee a) =>
        new(a.Id, a.EventId, a.ExternalId, a.Title, a.FirstName, a.LastName, a.Organization, a.Category, a.Email, a.Status, a.CheckedInAt);
}
