using Kiosk.Server.ApiDocs;

namespace Kiosk.Server;

/// <summary>What the start page shows about this server: its version and, in the demo, where the demo kiosk is.</summary>
public static class AboutEndpoints
{
    public static string Version { get; } = typeof(AboutEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public sealed record About(string Version, string? DemoKioskUrl);

    public static void MapAboutEndpoints(this IEndpointRouteBuilder app) =>
        app.MapFeature("", "Operations").MapGet("/api/about", (IConfiguration config) => TypedResults.Ok(new About(Version, config["Demo:KioskUrl"])))
            .AllowAnonymous()
            .WithName("GetAbout").WithSummary("The server's version and, in the demo, the demo kiosk's address")
            .WithDescription("For the start page (`GET /`): `{version, demoKioskUrl}`.");
}
