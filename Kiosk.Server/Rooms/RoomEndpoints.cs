using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
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
        var rooms = app.MapFeature("/api/events/{eventId:int}", "Rooms");

        rooms.MapPost("/rooms", async Task<Results<Created<RoomOccupancy>, ProblemHttpResult>> (int eventId, RoomRequest request, KioskDb db) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var room = new Room { EventId = eventId, Name = request.Name.Trim(), Kind = request.Kind, Capacity = request.Capacity };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            return TypedResults.Created($"/api/events/{eventId}/rooms/{room.Id}", View(room));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("CreateRoom").WithSummary("Add a room to the event")
            .WithDescription("`{name, kind, capacity}`; kind `Hall`, `Stage`, `MasterClassRoom` or `DialogueIsland`; capacity 1 to 100,000.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        // Every room with its capacity and how many are inside: the snapshot a dashboard starts from.
        rooms.MapGet("/occupancy", async Task<Results<Ok<List<RoomOccupancy>>, ProblemHttpResult>> (int eventId, KioskDb db) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var list = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync();
            return TypedResults.Ok(list.Select(View).ToList());
        }).RequireAuthorization(Policies.TerminalOrStaff)
            .WithName("GetOccupancy").WithSummary("Every room with its capacity and how many are inside")
            .WithDescription("The snapshot a dashboard or door page starts from: capacity, inside and `seq` (the room's change counter) per room; `occupancyChanged` on `/hubs/live` keeps it current.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        rooms.MapGet("/rooms", async (int eventId, KioskDb db) =>
            TypedResults.Ok((await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync()).Select(View).ToList()))
            .RequireAuthorization(Policies.TerminalOrStaff)
            .WithName("ListRooms").WithSummary("The event's rooms");
    }

    public static RoomOccupancy View(Room r) => new(r.Id, r.Name, r.Kind.ToString(), r.Capacity, r.Inside, r.OccupancySeq);
}
