using Kiosk.Server.ApiDocs;
using Kiosk.Server.Attendees;
using Kiosk.Server.Attendees.Import;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Certificates;
using Kiosk.Server.CheckIn;
using Kiosk.Server.Data;
using Kiosk.Server.Dashboard;
using Kiosk.Server.Demo;
using Kiosk.Server.Desk;
using Kiosk.Server.Rooms;
using Kiosk.Server.Events;
using Kiosk.Server.Jobs;
using Kiosk.Server.Reports;
using Kiosk.Server.Privacy;
using Kiosk.Server.Mail;
using Kiosk.Server.Operations;
using Kiosk.Server.Staff;
using Kiosk.Server.Terminals;
using Kiosk.Server.WalkIns;
using Microsoft.AspNetCore.DataProtection;

namespace Kiosk.Server;

/// <summary>Composition of the server: services, pipeline, endpoints, and start-up work.</summary>
public static class KioskServer
{
    public static WebApplication Build(string[] args)
    {
        // "--seed-demo" is a flag, not a configuration key=value pair; it means Demo:Seed=true.
        var seedDemo = args.Contains("--seed-demo");
        // The pages are served from the app's own folder, so the server works from any working directory,
        // built or published; data stays relative to the working directory (Storage:DataDirectory).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a != "--seed-demo").ToArray(),
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        var config = builder.Configuration;
        // Request logs carry query strings (a name search is personal data) and EF logs SQL: warnings only,
        // whatever appsettings.json is or is not found next to the working directory.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        if (seedDemo) config["Demo:Seed"] = "true";
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:5080");

        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var dataDirectory = Path.GetFullPath(config[$"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}"] ?? "data", builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddKioskDatabase(config, dataDirectory);
        // First of the hosted services: the others start only after migrations and seeding are done.
        builder.Services.AddHostedService<StartupWork>();
        builder.Services.AddDataProtection().SetApplicationName("Kiosk")
            .PersistKeysToFileSystem(new DirectoryInfo(config["DataProtection:KeysDirectory"] ?? Path.Combine(dataDirectory, "keys")));
        builder.Services.AddKioskAuth(config);
        builder.Services.AddMemoryCache();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = RequestValidation.Customize);
        // The annotations on request records ([Required], [Range], [StringLength]) are checked before any handler runs.
        builder.Services.AddValidation();
        builder.Services.AddKioskOpenApi();
        builder.Services.AddHealthChecks().AddKioskHealthProbes();
        builder.Services.AddKioskTelemetry(config);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        builder.Services.AddSingleton<BadgeKeys>();
        builder.Services.AddSingleton<BadgeCheck>();
        builder.Services.AddSingleton<AttendeeSearch>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<CheckInDesk>();
        builder.Services.AddScoped<DeskActs>();
        builder.Services.AddScoped<Rooms.PresenceDesk>();
        builder.Services.AddScoped<AttendeeImport>();
        // Several instances behind a reverse proxy share one Redis so a dashboard on one hears scans posted to another.
        var signalR = builder.Services.AddSignalR();
        if (config.GetConnectionString("Redis") is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("kiosk"));
        builder.Services.AddSingleton<TerminalPushes>();
        builder.Services.AddSingleton<Dashboard.LiveUpdates>();
        builder.Services.AddOptions<RoomOptions>().BindConfiguration(RoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EndOfDay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EndOfDay>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Dashboard.LiveUpdates>());
        builder.Services.AddKioskJobs();
        builder.Services.AddScoped<OccupancySnapshotJob>();
        builder.Services.AddSingleton<IRecurringWork, OccupancySnapshotSchedule>();
        builder.Services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddKioskPrivacy();
        builder.Services.AddConfirmationMails();
        builder.Services.AddImportRuns(dataDirectory);
        if (config.GetValue<bool>("Demo:Seed") && config.GetValue<bool>("Demo:Traffic")) builder.Services.AddHostedService<DemoTraffic>();

        var app = builder.Build();
        app.UseSecurityHeaders(JobSetup.DashboardPath);
        // Browsers remember to come back only over https; sent on https answers only, never to localhost.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // A body that is not the JSON a route expects is the client's error (400/413), in every environment.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // Not worth an error in the log either: the client gets a 400 that says what was wrong.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        // The web UI (login, dashboard) is static files; they call the APIs below.
        app.UseSignInFirst();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapKioskApiReference();
        app.MapKioskHealthProbes();
        app.MapKioskTelemetry();
        app.MapAboutEndpoints();
        app.MapAuthEndpoints();
        app.MapAccountEndpoints();
        app.MapEventEndpoints();
        app.MapTerminalEndpoints();
        app.MapAttendeeEndpoints();
        app.MapCheckInEndpoints();
        app.MapRosterEndpoints();
        app.MapWalkInEndpoints();
        app.MapRoomEndpoints();
        app.MapSessionEndpoints();
        app.MapPresenceEndpoints();
        app.MapHub<TerminalHub>(TerminalHub.Route);
        app.MapHub<Dashboard.LiveHub>(Dashboard.LiveHub.Route);
        app.MapDashboardEndpoints();
        app.MapReprintEndpoints();
        app.MapReportEndpoints();
        app.MapCertificateEndpoints();
        app.MapPrivacyEndpoints();
        app.MapDeskEndpoints();
        app.MapPresenceConflictEndpoints();
        app.MapCheckInConflictEndpoints();
        app.MapAuditEndpoints();
        app.MapJobDashboard();
        app.MapMailEndpoints();
        app.MapImportRunEndpoints();
        return app;
    }

}

/// <summary>
/// Runs before the server accepts requests: migrates, creates the first organizer, and seeds the demo
/// event when asked (--seed-demo or Demo:Seed). Each step is safe to repeat on every start.
/// </summary>
internal sealed class StartupWork(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseSetup.MigrateAsync(services, cancellationToken);
        await AdminBootstrap.EnsureAdminAsync(services);
        if (configuration.GetValue<bool>("Demo:Seed")) await DemoEvent.SeedAsync(services);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and data protection keys; relative to the content root. Default "data".</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string DataDirectory { get; set; } = "data";
}
