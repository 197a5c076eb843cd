using System.ComponentModel.DataAnnotations;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Rooms;

public sealed record RoomRequest([Required, StringLength(200), NoControlCharacters] string Name, [EnumDataType(typeof(RoomKind))] RoomKind Kind, [Range(1, 100_000)] int Capacity);

public static class RoomEndpoints
{
    public static void MapRoomEndpoints(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/events/{eventId:int}").WithTags("Rooms");

        rooms.MapPost("/rooms", async Task<Results<Created<RoomOccupancy>, ProblemHttpResult>> (int eventId, RoomRequest request, KioskDb db) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var room = new Room { EventId = eventId, Name = request.Name.Trim(), Kind = request.Kind, Capacity = request.Capacity };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            return TypedResults.Created($"/api/events/{eventId}/rooms/{room.Id}", View(room));
        }).RequireAuthorization(Policies.Organizer);

        // Every room with its capacity and how many are inside: the snapshot a dashboard starts from.
        rooms.MapGet("/occupancy", async Task<Results<Ok<List<RoomOccupancy>>, ProblemHttpResult>> (int eventId, KioskDb db) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var list = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync();
            return TypedResults.Ok(list.Select(View).ToList());
        }).RequireAuthorization(Policies.TerminalOrStaff);

        rooms.MapGet("/rooms", async (int eventId, KioskDb db) =>
            TypedResults.Ok((await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync()).Select(View).ToList()))
            .RequireAuthorization(Policies.TerminalOrStaff);
    }

    public static RoomOccupancy View(Room r) => new(r.Id, r.Name, r.Kind.ToString(), r.Capacity, r.Inside, r.OccupancySeq);
}
