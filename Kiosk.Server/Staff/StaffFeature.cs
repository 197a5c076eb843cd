namespace Kiosk.Server.Staff;

/// <summary>Organizer and staff accounts, and the first organizer created at the first start.</summary>
public static class StaffFeature
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        return app;
    }
}
