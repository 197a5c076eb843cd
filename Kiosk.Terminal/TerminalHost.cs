using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Printing;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Ui;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal;

/// <summary>Composition of the kiosk terminal: local store, sync with the server, printing, and the kiosk UI on loopback.</summary>
public static class TerminalHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseWindowsService(o => o.ServiceName = "Kiosk.Terminal");
        var config = builder.Configuration;
        // Request logs carry query strings (a name search is personal data) and EF logs SQL: warnings only,
        // whatever appsettings.json is or is not found next to the working directory.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // An explicit --urls / ASPNETCORE_URLS wins (tests use port 0); otherwise Terminal:Urls.
        if (string.IsNullOrEmpty(config["urls"]))
            builder.WebHost.UseUrls(config[$"{TerminalOptions.Section}:Urls"] ?? new TerminalOptions().Urls);

        var services = builder.Services;
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TerminalOptions>().BindConfiguration(TerminalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SpeechOptions>().BindConfiguration(SpeechOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DisplayOptions>().BindConfiguration(DisplayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails();

        var dataDirectory = Path.GetFullPath(config[$"{TerminalOptions.Section}:DataDirectory"] ?? new TerminalOptions().DataDirectory, Directory.GetCurrentDirectory());
        services.AddSingleton(new TerminalStore(dataDirectory));
        services.AddSingleton<Settings>();
        services.AddSingleton<TerminalState>();
        services.AddSingleton<KioskTrust>();
        services.AddSingleton<StaffPin>();
        services.AddSingleton<Roster>();
        services.AddSingleton<KioskClock>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<PrintJobs>();
        services.AddSingleton<PrinterStatusBoard>();
        services.AddSingleton<TextPictures>();
        services.AddSingleton<BadgeRendering>();
        services.AddSingleton<ReprintOrders>();
        services.AddOptions<PrinterOptions>().BindConfiguration(PrinterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => BadgeRendering.Transport(sp.GetRequiredService<IOptions<PrinterOptions>>().Value, dataDirectory));
        services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ScannerFeed>();
        services.AddHostedService<SerialScanner>();
        services.AddSingleton<DuplicateReads>();
        services.AddSingleton<ScanTimings>();
        services.AddSingleton<NameLookup>();
        services.AddSingleton<SearchLimit>();
        services.AddSingleton<SelfCheckIn>();
        services.AddSingleton<SelfReprint>();
        services.AddSingleton<BadgePreview>();
        services.AddSingleton<RoomDoor>();
        services.AddSingleton<WalkInBadges>();
        services.AddSingleton<WalkIns>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ServerLink>(sp, ServerHttp(sp.GetRequiredService<IOptions<ServerOptions>>().Value)));
        AddWorker<RosterSync>(services);
        AddWorker<OutboxSender>(services);
        AddWorker<PrintQueue>(services);

        var app = builder.Build();
        app.Services.GetRequiredService<TerminalState>().LoadAsync().GetAwaiter().GetResult();
        app.Services.GetRequiredService<KioskTrust>().LoadAsync().GetAwaiter().GetResult();
        var lookup = app.Services.GetRequiredService<NameLookup>();
        app.Services.GetRequiredService<TerminalState>().RosterChanged += lookup.Invalidate;

        app.UseMiddleware<LoopbackGuard>();
        app.UseExceptionHandler();
        var ui = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Ui", "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = ui });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = ui });
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapLocalEndpoints();
        ScannerFeed.MapScannerFeed(app);
        app.MapStaffEndpoints();
        return app;
    }

    /// <summary>One long-lived client; connections are recycled so a changed server address is picked up.</summary>
    private static HttpClient ServerHttp(ServerOptions options) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(3) })
        {
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };

    /// <summary>A hosted worker that is also injectable, so endpoints can wake it.</summary>
    private static void AddWorker<T>(IServiceCollection services) where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
    }
}
