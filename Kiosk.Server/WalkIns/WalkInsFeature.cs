namespace Kiosk.Server.WalkIns;

/// <summary>Visitors registered at a kiosk on a badge signed in advance.</summary>
public static class WalkInsFeature
{
    public static IEndpointRouteBuilder MapWalkIns(this IEndpointRouteBuilder app)
    {
        app.MapWalkInEndpoints();
        return app;
    }
}
