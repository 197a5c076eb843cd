using Kiosk.Server.ApiDocs;
using Kiosk.Server.Attendees;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Certificates;
using Kiosk.Server.CheckIn;
using Kiosk.Server.Dashboard;
using Kiosk.Server.Data;
using Kiosk.Server.Demo;
using Kiosk.Server.Desk;
using Kiosk.Server.Events;
using Kiosk.Server.Hosting;
using Kiosk.Server.Jobs;
using Kiosk.Server.Mail;
using Kiosk.Server.Operations;
using Kiosk.Server.Privacy;
using Kiosk.Server.Registrations;
using Kiosk.Server.Reports;
using Kiosk.Server.Rooms;
using Kiosk.Server.Staff;
using Kiosk.Server.Terminals;
using Kiosk.Server.WalkIns;

namespace Kiosk.Server;

/// <summary>
/// The server's table of contents: what every feature stands on, then one Add/Map pair per feature folder.
/// A feature's services, options and endpoints are wired in its own folder (<c>*Feature.cs</c>).
/// </summary>
public static class KioskServer
{
    public static WebApplication Build(string[] args)
    {
        var builder = CreateBuilder(args);
        var config = builder.Configuration;
        var dataDirectory = StorageOptions.ResolveDataDirectory(config, builder.Environment.ContentRootPath);
        var services = builder.Services;

        // What every feature stands on. StartupWork is the first hosted service: the others start after migrations.
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddKioskDatabase(config, dataDirectory);
        services.AddHostedService<StartupWork>();
        services.AddKeyStorage(dataDirectory);
        services.AddWebApi();
        services.AddLiveConnections(config);
        services.AddMemoryCache();
        services.AddJobs();

        // The features.
        services.AddOperations(config);
        services.AddAuth();
        services.AddStaff();
        services.AddAudit();
        services.AddBadges();
        services.AddAttendees(dataDirectory);
        services.AddTerminals();
        services.AddCheckIn();
        services.AddRooms();
        services.AddDashboard();
        services.AddHelpDesk();
        services.AddCertificates();
        services.AddPrivacy();
        services.AddMail();
        services.AddRegistrations();
        services.AddDemo();

        var app = builder.Build();
        app.UseKioskPipeline();

        app.MapKioskApiReference();
        app.MapOperations();
        app.MapAuth();
        app.MapStaff();
        app.MapEvents();
        app.MapTerminals();
        app.MapAttendees();
        app.MapCheckIn();
        app.MapWalkIns();
        app.MapRooms();
        app.MapDashboard();
        app.MapHelpDesk();
        app.MapReports();
        app.MapCertificates();
        app.MapPrivacy();
        app.MapAudit();
        app.MapJobs();
        app.MapMail();
        app.MapRegistrations();
        return app;
    }

    /// <summary>The pages are served from the app's own folder, so the server works from any working directory, built or published.</summary>
    private static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // "--seed-demo" is a flag, not a key=value pair: it means Demo:Seed=true.
            Args = args.Where(a => a != DemoFeature.SeedFlag).ToArray(),
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (args.Contains(DemoFeature.SeedFlag)) builder.Configuration[$"{DemoOptions.Section}:{nameof(DemoOptions.Seed)}"] = "true";
        // Request logs carry query strings (a name search is personal data) and EF logs SQL: warnings only,
        // whatever appsettings.json is or is not found next to the working directory.
        // The request lines also carry the signed links of registration mails (confirm, seat offer, Meine Anmeldung):
        // their own category is pinned too, so a setting for it under Logging:LogLevel does not bring them back.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:5080");
        return builder;
    }
}
