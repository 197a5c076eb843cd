namespace Kiosk.Server.Events;

/// <summary>Events, their settings and badge keys.</summary>
public static class EventsFeature
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapEventEndpoints();
        app.MapHandoutEndpoints();
        return app;
    }
}
