namespace Kiosk.Server.Desk;

/// <summary>The help desk: corrections, undo, reprints at a chosen kiosk, and the conflicts to review.</summary>
public static class DeskFeature
{
    public static IServiceCollection AddHelpDesk(this IServiceCollection services) => services
        .AddScoped<DeskActs>().AddScoped<PrintBatches>();

    public static IEndpointRouteBuilder MapHelpDesk(this IEndpointRouteBuilder app)
    {
        app.MapDeskEndpoints();
        app.MapReprintEndpoints();
        app.MapPrintBatchEndpoints();
        app.MapCorrectionRequestEndpoints();
        app.MapPresenceConflictEndpoints();
        app.MapCheckInConflictEndpoints();
        return app;
    }
}
