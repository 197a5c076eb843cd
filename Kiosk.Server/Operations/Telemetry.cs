using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Kiosk.Server.Staff;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kiosk.Server.Operations;

/// <summary>
/// Metrics (ASP.NET Core, SignalR connections, the <see cref="KioskMetrics"/> meter) for Prometheus at
/// /metrics, and metrics and traces over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Nothing about a
/// person leaves: spans carry route templates, never query strings (a name search is <c>?q=</c>) or client
/// addresses, and database spans carry SQL with its literals replaced, never parameter values.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    // Tags the ASP.NET Core instrumentation may set that can identify a person or carry what they typed.
    private static readonly string[] PersonalRequestTags = ["url.query", "url.full", "client.address", "client.port", "network.peer.address", "network.peer.port", "user_agent.original"];

    public static IServiceCollection AddKioskTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KioskMetrics>();
        services.Configure<HubOptions>(o => o.AddFilter<SignalRConnections>());
        // The exporter reads the endpoint itself (OTEL_EXPORTER_OTLP_* from configuration or the environment).
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("Kiosk.Server"))
            .WithMetrics(m =>
            {
                // No cached scrape: the one scraper asks every few seconds, an organizer checking a number wants it now.
                m.AddAspNetCoreInstrumentation().AddMeter(KioskMetrics.MeterName, "Microsoft.AspNetCore.Http.Connections").AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) m.AddOtlpExporter();
            });
        // Traces only where someone collects them: a span per request and query is not free at the entrance rush.
        if (otlp)
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.RecordException = false;
                    o.EnrichWithHttpRequest = (activity, _) => { foreach (var tag in PersonalRequestTags) activity.SetTag(tag, null); };
                })
                // Parameter values are never recorded by this instrumentation (its option for them is not public); SQL
                // text is recorded with its literals replaced by placeholders.
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter());
        }
        return services;
    }

    /// <summary>/metrics for organizers (cookie or token) and for a scraper with <c>Metrics:ScrapeToken</c>.</summary>
    public static void MapKioskTelemetry(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
        {
            var token = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.ScrapeToken;
            if (token is { Length: > 0 } && IsBearer(context.Request.Headers.Authorization.ToString(), token)) return next(context);
            if (context.User.IsInRole(Roles.Organizer)) return next(context);
            context.Response.StatusCode = context.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }), optionsName: null);

    private static bool IsBearer(string header, string token) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(token));
}

/// <summary>Section "Metrics".</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Lets a scraper read /metrics with <c>Authorization: Bearer &lt;token&gt;</c>; unset = organizers only.</summary>
    [MinLength(24, ErrorMessage = "Metrics:ScrapeToken must be at least 24 characters (a long random string).")]
    public string? ScrapeToken { get; set; }
}
