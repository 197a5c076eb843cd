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
        app.MapGet("/api/about", (IOptions<DemoOptions> demo) => TypedResults.Ok(new About(ProductVersion.Current, demo.Value.KioskUrl)))
            .AllowAnonymous();
        app.MapGet("/api/version", () => TypedResults.Ok(new VersionView(ProductVersion.Current)))
            .AllowAnonymous();
    }
}
