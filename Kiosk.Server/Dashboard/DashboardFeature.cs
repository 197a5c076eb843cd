namespace Kiosk.Server.Dashboard;

/// <summary>The organizers' live dashboard: the snapshot and the hub that says when to look again.</summary>
public static class DashboardFeature
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<LiveUpdates>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdates>());
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapDashboardEndpoints();
        app.MapHub<LiveHub>(LiveHub.Route);
        return app;
    }
}
