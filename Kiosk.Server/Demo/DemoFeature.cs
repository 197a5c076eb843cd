using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Demo;

/// <summary>Section "Demo". <c>--seed-demo</c> on the command line means <c>Demo:Seed=true</c>.</summary>
public sealed class DemoOptions : IValidatableObject
{
    public const string Section = "Demo";

    /// <summary>Create the demo event "dikomm 2026" at start (safe to repeat).</summary>
    public bool Seed { get; set; }

    /// <summary>With <see cref="Seed"/>: a simulated fair morning through the real APIs (<see cref="DemoTraffic"/>).</summary>
    public bool Traffic { get; set; }

    /// <summary>Where the demo kiosk's page is, for the start page's link.</summary>
    public string? KioskUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KioskUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult("Demo:KioskUrl must be an absolute http or https address.", [nameof(KioskUrl)]);
    }
}

public static class DemoFeature
{
    public const string SeedFlag = "--seed-demo";

    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DemoTraffic>();
        return services;
    }
}
