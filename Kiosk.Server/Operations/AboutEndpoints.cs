using Kiosk.Server.ApiDocs;
using Kiosk.Server.Demo;
using Kiosk.Shared;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Operations;

/// <summary>What the start page shows about this server: its version and, in the demo, where the demo kiosk is.</summary>
public static class AboutEndpoints
{
    public sealed record About(string Version, string? DemoKioskUrl);

    public sealed record VersionView(string Version);

    public static void MapAboutEndpoints(this IEndpointRouteBuilder app)
    {
        var about = app.MapFeature("/api", "Operations").AllowAnonymous();
        about.MapGet("/about", (IOptions<DemoOptions> demo) => TypedResults.Ok(new About(ProductVersion.Current, demo.Value.KioskUrl)))
            .WithName("GetAbout").WithSummary("The server's version and, in the demo, the demo kiosk's address")
            .WithDescription("For the start page (`GET /`): `{version, demoKioskUrl}`.");
        about.MapGet("/version", () => TypedResults.Ok(new VersionView(ProductVersion.Current)))
            .WithName("GetVersion").WithSummary("The release this server runs")
            .WithDescription("`{version}`, e.g. `1.0.0`, as in CHANGELOG.md; kiosks report theirs in the heartbeat (`appVersion`).");
    }
}
