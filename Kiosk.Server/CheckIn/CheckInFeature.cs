namespace Kiosk.Server.CheckIn;

/// <summary>Check-ins at the entrance: recorded once per scan, whoever sends them.</summary>
public static class CheckInFeature
{
    public static IServiceCollection AddCheckIn(this IServiceCollection services) => services
        .AddScoped<CheckInRecorder>();

    public static IEndpointRouteBuilder MapCheckIn(this IEndpointRouteBuilder app)
    {
        app.MapCheckInEndpoints();
        return app;
    }
}
