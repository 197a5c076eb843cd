using Kiosk.Server.Jobs;

namespace Kiosk.Server.Privacy;

/// <summary>Data subject rights (export, erasure) and the retention purge after the event.</summary>
public static class PrivacyFeature
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Erasure>();
        services.AddScoped<RetentionPurge>();
        services.AddSingleton<RetentionSchedule>();
        services.AddSingleton<IRecurringWork>(sp => sp.GetRequiredService<RetentionSchedule>());
        services.AddSingleton<IStartupSweep>(sp => sp.GetRequiredService<RetentionSchedule>());
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapPrivacyEndpoints();
        return app;
    }
}
