using Hangfire;
using Kiosk.Server.Jobs;
using Kiosk.Server.Reports;

namespace Kiosk.Server.Rooms;

/// <summary>Rooms, sessions and bookings, door scans and occupancy, and the end of the day that empties the rooms.</summary>
public static class RoomsFeature
{
    public static IServiceCollection AddRooms(this IServiceCollection services)
    {
        services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PresenceRecorder>();
        services.AddScoped<SessionSeats>();
        services.AddSingleton<SeatGates>();
        services.AddSingleton<IRecurringWork, SeatOfferSchedule>();
        services.AddSingleton<EndOfDay>();
        services.AddHostedService(sp => sp.GetRequiredService<EndOfDay>());
        // Occupancy is sampled for the reports' timelines.
        services.AddScoped<OccupancySnapshotJob>();
        services.AddSingleton<IRecurringWork, OccupancySnapshotSchedule>();
        return services;
    }

    public static IEndpointRouteBuilder MapRooms(this IEndpointRouteBuilder app)
    {
        app.MapRoomEndpoints();
        app.MapSessionEndpoints();
        app.MapPresenceEndpoints();
        return app;
    }
}

/// <summary>Every minute, seats offered from a waitlist and not taken in time go to the next.</summary>
internal sealed class SeatOfferSchedule : IRecurringWork
{
    public const string JobId = "seat-offers";

    public void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<SessionSeats>(JobId, s => s.ExpireOffersAsync(CancellationToken.None), Cron.Minutely());
}
