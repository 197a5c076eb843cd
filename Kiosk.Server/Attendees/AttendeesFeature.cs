using Kiosk.Server.Attendees.Import;

namespace Kiosk.Server.Attendees;

/// <summary>Attendees, their search, and imports (direct and as background runs).</summary>
public static class AttendeesFeature
{
    public static IServiceCollection AddAttendees(this IServiceCollection services, string dataDirectory) => services
        .AddSingleton<AttendeeSearch>()
        .AddScoped<AttendeeImport>()
        .AddImportRuns(dataDirectory);

    public static IEndpointRouteBuilder MapAttendees(this IEndpointRouteBuilder app)
    {
        app.MapAttendeeEndpoints();
        app.MapImportRunEndpoints();
        app.MapImportPreviewEndpoints();
        return app;
    }
}
