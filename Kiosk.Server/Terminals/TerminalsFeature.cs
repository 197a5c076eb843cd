namespace Kiosk.Server.Terminals;

/// <summary>Kiosk terminals: enrolment, roster, heartbeat, and the hub that pushes to them.</summary>
public static class TerminalsFeature
{
    public static IServiceCollection AddTerminals(this IServiceCollection services) => services
        .AddSingleton<TerminalPushes>();

    public static IEndpointRouteBuilder MapTerminals(this IEndpointRouteBuilder app)
    {
        app.MapTerminalEndpoints();
        app.MapRosterEndpoints();
        app.MapHub<TerminalHub>(TerminalHub.Route);
        return app;
    }
}
