namespace Kiosk.Server.Operations;

/// <summary>What operators look at: health probes, metrics and traces, the version.</summary>
public static class OperationsFeature
{
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks().AddKioskHealthProbes();
        services.AddKioskTelemetry(configuration);
        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapKioskHealthProbes();
        app.MapKioskTelemetry();
        app.MapAboutEndpoints();
        return app;
    }
}
