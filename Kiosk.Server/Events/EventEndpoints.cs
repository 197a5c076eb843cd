using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Events;

public sealed record EventRequest(
    [Required, StringLength(200), NoControlCharacters] string Name,
    [StringLength(100), NoControlCharacters] string? City,
    [StringLength(200), NoControlCharacters] string? Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [StringLength(64), NoControlCharacters] string? TimeZone,
    bool AllowsWalkIns = false,
    [EnumDataType(typeof(SecondFactorKind))] SecondFactorKind SecondFactor = SecondFactorKind.Email,
    bool SelfServiceReprint = false);

public sealed record EventResponse(int Id, string Name, string? City, string? Venue, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, bool AllowsWalkIns, SecondFactorKind SecondFactor, bool SelfServiceReprint = false)
{
    public static EventResponse From(Event e) => new(e.Id, e.Name, e.City, e.Venue, e.StartsAt, e.EndsAt, e.TimeZone, e.AllowsWalkIns, e.SecondFactor, e.SelfServiceReprint);
}

/// <summary>Kiosk behaviour an organizer may switch during the fair; null leaves a setting as it is.</summary>
public sealed record EventSettingsRequest(bool? AllowsWalkIns = null, bool? SelfServiceReprint = null);

public sealed record BadgeKeyResponse(int KeyId, string PublicKey, string Algorithm, DateTimeOffset CreatedAt);

public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapFeature("/api/events", "Events");

        group.MapPost("/", async Task<Results<Created<EventResponse>, ProblemHttpResult>> (EventRequest request, KioskDb db, BadgeKeys keys, TimeProvider time) =>
        {
            if (request.EndsAt <= request.StartsAt) return Problems.Invalid("event-dates", "The event must end after it starts.");
            var timeZone = request.TimeZone ?? "Europe/Berlin";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)) return Problems.Invalid("time-zone", $"Unknown time zone '{timeZone}'.");
            var evt = new Event
            {
                Name = request.Name.Trim(), City = request.City?.Trim(), Venue = request.Venue?.Trim(),
                StartsAt = request.StartsAt.ToUniversalTime(), EndsAt = request.EndsAt.ToUniversalTime(),
                TimeZone = timeZone, AllowsWalkIns = request.AllowsWalkIns, SecondFactor = request.SecondFactor,
                SelfServiceReprint = request.SelfServiceReprint, CreatedAt = time.GetUtcNow(),
            };
            db.Events.Add(evt);
            await db.SaveChangesAsync();
            await keys.RotateAsync(db, evt.Id);
            return TypedResults.Created($"/api/events/{evt.Id}", EventResponse.From(evt));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("CreateEvent").WithSummary("Create an event and its first badge key")
            .WithDescription("The time zone defaults to `Europe/Berlin`.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/event-dates`: the event does not end after it starts; `/problems/time-zone`: unknown time zone.");

        group.MapGet("/", async (KioskDb db) =>
            TypedResults.Ok((await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Select(EventResponse.From)))
            .RequireAuthorization(Policies.Staff)
            .WithName("ListEvents").WithSummary("Every event");

        group.MapGet("/{eventId:int}", async Task<Results<Ok<EventResponse>, ProblemHttpResult>> (int eventId, KioskDb db) =>
            await db.Events.FindAsync(eventId) is { } evt ? TypedResults.Ok(EventResponse.From(evt)) : Problems.NotFound("Event"))
            .RequireAuthorization(Policies.TerminalOrStaff)
            .WithName("GetEvent").WithSummary("One event")
            .ProducesProblems(StatusCodes.Status404NotFound);

        // Kiosks hear of the change at once (profileChanged); the audit log keeps who switched what.
        group.MapPatch("/{eventId:int}/settings", async Task<Results<Ok<EventResponse>, ProblemHttpResult>> (
            int eventId, EventSettingsRequest request, KioskDb db, Terminals.TerminalPushes pushes, Audit.AuditLog audit, HttpContext http) =>
        {
            var evt = await db.Events.FindAsync(eventId);
            if (evt is null) return Problems.NotFound("Event");
            var changed = new List<string>();
            if (request.AllowsWalkIns is { } walkIns && walkIns != evt.AllowsWalkIns) { evt.AllowsWalkIns = walkIns; changed.Add($"allowsWalkIns={walkIns}"); }
            if (request.SelfServiceReprint is { } self && self != evt.SelfServiceReprint) { evt.SelfServiceReprint = self; changed.Add($"selfServiceReprint={self}"); }
            if (changed.Count == 0) return TypedResults.Ok(EventResponse.From(evt));
            await db.SaveChangesAsync();
            await audit.WriteAsync(http.User.Actor(), "event.settings-changed", eventId, details: string.Join(", ", changed));
            foreach (var terminalId in await db.Terminals.AsNoTracking().Where(t => t.EventId == eventId).Select(t => t.Id).ToListAsync())
                await pushes.ProfileChangedAsync(terminalId);
            return TypedResults.Ok(EventResponse.From(evt));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("ChangeEventSettings").WithSummary("Switch walk-ins or self-service reprints during the fair")
            .WithDescription("`{allowsWalkIns?, selfServiceReprint?}` (null leaves a setting as it is): pushed to the event's kiosks at once (`profileChanged` on `/hubs/terminal`); audited `event.settings-changed`.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        // Public keys are not secret: terminals verify badge signatures offline with them.
        group.MapGet("/{eventId:int}/badge-keys", async Task<Results<Ok<BadgeKeyResponse[]>, ProblemHttpResult>> (int eventId, KioskDb db) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var rows = await db.BadgeKeys.AsNoTracking().Where(k => k.EventId == eventId && k.RevokedAt == null).OrderBy(k => k.KeyId).ToListAsync();
            return TypedResults.Ok(rows.Select(k => new BadgeKeyResponse(k.KeyId, Convert.ToBase64String(k.PublicKey), "ES256", k.CreatedAt)).ToArray());
        }).RequireAuthorization(Policies.TerminalOrStaff)
            .WithName("ListBadgeKeys").WithSummary("The event's public badge keys, to verify badges offline")
            .WithDescription("The keys not revoked: ES256, public key as SPKI in base64. Not secret.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPost("/{eventId:int}/badge-keys", async Task<Results<Ok<BadgeKeyResponse>, ProblemHttpResult>> (int eventId, KioskDb db, BadgeKeys keys) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var k = await keys.RotateAsync(db, eventId);
            return TypedResults.Ok(new BadgeKeyResponse(k.KeyId, Convert.ToBase64String(k.PublicKey), "ES256", k.CreatedAt));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("RotateBadgeKey").WithSummary("Add a new badge key that signs from now on; older keys stay valid")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapDelete("/{eventId:int}/badge-keys/{keyId:int}", async Task<Results<NoContent, ProblemHttpResult>> (int eventId, int keyId, KioskDb db, BadgeKeys keys, TimeProvider time) =>
        {
            var key = await db.BadgeKeys.FirstOrDefaultAsync(k => k.EventId == eventId && k.KeyId == keyId && k.RevokedAt == null);
            if (key is null) return Problems.NotFound("Badge key");
            if (!await db.BadgeKeys.AnyAsync(k => k.EventId == eventId && k.KeyId != keyId && k.RevokedAt == null))
                return Problems.Conflict("last-badge-key", "Add a new key before revoking the last one.");
            key.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync();
            keys.Forget(eventId);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer)
            .WithName("RevokeBadgeKey").WithSummary("Revoke a badge key; the server stops accepting badges it signed")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, "`/problems/last-badge-key`: the event's last key; add a new one before revoking it.");
    }
}
