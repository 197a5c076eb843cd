using System.ComponentModel.DataAnnotations;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Events;

public sealed record EventRequest(
    [Required, MaxLength(200)] string Name,
    [MaxLength(100)] string? City,
    [MaxLength(200)] string? Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [MaxLength(64)] string? TimeZone,
    bool AllowsWalkIns = false,
    SecondFactorKind SecondFactor = SecondFactorKind.Email);

public sealed record EventResponse(int Id, string Name, string? City, string? Venue, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, bool AllowsWalkIns, SecondFactorKind SecondFactor)
{
    public static EventResponse From(Event e) => new(e.Id, e.Name, e.City, e.Venue, e.StartsAt, e.EndsAt, e.TimeZone, e.AllowsWalkIns, e.SecondFactor);
}

public sealed record BadgeKeyResponse(int KeyId, string PublicKey, string Algorithm, DateTimeOffset CreatedAt);

public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("Events");

        group.MapPost("/", async Task<Results<Created<EventResponse>, ProblemHttpResult>> (EventRequest request, KioskDb db, BadgeKeys keys, TimeProvider time) =>
        {
            if (request.EndsAt <= request.StartsAt) return Problems.Invalid("event-dates", "The event must end after it starts.");
            var timeZone = request.TimeZone ?? "Europe/Berlin";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)) return Problems.Invalid("time-zone", $"Unknown time zone '{timeZone}'.");
            var evt = new Event
            {
                Name = request.Name.Trim(), City = request.City?.Trim(), Venue = request.Venue?.Trim(),
                StartsAt = request.StartsAt.ToUniversalTime(), EndsAt = request.EndsAt.ToUniversalTime(),
                TimeZone = timeZone, AllowsWalkIns = request.AllowsWalkIns, SecondFactor = request.SecondFactor, CreatedAt = time.GetUtcNow(),
            };
            db.Events.Add(evt);
            await db.SaveChangesAsync();
            await keys.RotateAsync(db, evt.Id);
            return TypedResults.Created($"/api/events/{evt.Id}", EventResponse.From(evt));
        }).RequireAuthorization(Policies.Organizer);

        group.MapGet("/", async (KioskDb db) =>
            TypedResults.Ok((await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Select(EventResponse.From)))
            .RequireAuthorization(Policies.Staff);

        group.MapGet("/{eventId:int}", async Task<Results<Ok<EventResponse>, ProblemHttpResult>> (int eventId, KioskDb db) =>
            await db.Events.FindAsync(eventId) is { } evt ? TypedResults.Ok(EventResponse.From(evt)) : Problems.NotFound("Event"))
            .RequireAuthorization(Policies.Desk);

        // Public keys are not secret: terminals verify badge signatures offline with them.
        group.MapGet("/{eventId:int}/badge-keys", async Task<Results<Ok<BadgeKeyResponse[]>, ProblemHttpResult>> (int eventId, KioskDb db) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var rows = await db.BadgeKeys.AsNoTracking().Where(k => k.EventId == eventId && k.RevokedAt == null).OrderBy(k => k.KeyId).ToListAsync();
            return TypedResults.Ok(rows.Select(k => new BadgeKeyResponse(k.KeyId, Convert.ToBase64String(k.PublicKey), "ES256", k.CreatedAt)).ToArray());
        }).RequireAuthorization(Policies.Desk);

        group.MapPost("/{eventId:int}/badge-keys", async Task<Results<Ok<BadgeKeyResponse>, ProblemHttpResult>> (int eventId, KioskDb db, BadgeKeys keys) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var k = await keys.RotateAsync(db, eventId);
            return TypedResults.Ok(new BadgeKeyResponse(k.KeyId, Convert.ToBase64String(k.PublicKey), "ES256", k.CreatedAt));
        }).RequireAuthorization(Policies.Organizer);

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
        }).RequireAuthorization(Policies.Organizer);
    }
}
