using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;

namespace Kiosk.Server.Jobs;

/// <summary>
/// Hangfire on the same engine as the data (each <see cref="DatabaseEngine"/> makes its storage): in-memory
/// storage with SQLite, its own schema in PostgreSQL or SQL Server. What must not be lost lives in our own
/// tables; <see cref="IStartupSweep"/>s re-enqueue unfinished work at every start, so losing the in-memory
/// queue on a restart loses nothing.
/// </summary>
/// <remarks>
/// Wired by hand instead of <c>AddHangfire</c>: that one keeps the storage and the job activator in
/// process-wide statics, so two servers in one process (the tests, a scale-out test) would share them.
/// </remarks>
public static class JobSetup
{
    public const string DashboardPath = "/jobs";

    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        // Process-wide, but the same for every instance: job arguments are plain ids and strings.
        GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180);
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobStorage>(sp =>
        {
            var database = sp.GetRequiredService<DatabaseConnection>();
            return database.Engine.CreateJobStorage(database.ConnectionString, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobOptions>>().Value);
        });
        // Marker the dashboard middleware looks for; the static configuration only holds defaults shared by all instances.
        services.AddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.AddSingleton(_ => DashboardRoutes.Routes);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<JobServer>();
        services.AddHostedService(sp => sp.GetRequiredService<JobServer>());
        return services;
    }

    /// <summary>The Hangfire dashboard at /jobs, for organizers (cookie sign-in from /login/).</summary>
    public static void MapJobs(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // Endpoint authorization below decides; Hangfire's default would admit local requests only.
            Authorization = [new EndpointDecides()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Kiosk jobs",
            AppPath = "/dashboard/",
        }, storage).RequireAuthorization(Policies.Organizer);
    }

    private sealed class EndpointDecides : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
