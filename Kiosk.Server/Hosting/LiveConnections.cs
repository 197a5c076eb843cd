using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Hosting;

/// <summary>
/// <c>ConnectionStrings:Redis</c>: several instances behind a reverse proxy share one Redis, so a dashboard
/// connected to one hears the scans posted to another.
/// </summary>
public sealed class ScaleOutOptions : IValidatableObject
{
    public const string Section = "ConnectionStrings";

    public string? Redis { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Redis)) yield break;
        string? error = null;
        try { StackExchange.Redis.ConfigurationOptions.Parse(Redis); }
        catch (Exception e) when (e is ArgumentException or FormatException) { error = e.Message; }
        if (error is not null) yield return new ValidationResult($"ConnectionStrings:Redis is not a Redis connection string: {error}", [nameof(Redis)]);
    }
}

public static class LiveConnections
{
    /// <summary>SignalR for both hubs (kiosks and organizers), with the Redis backplane when configured.</summary>
    public static IServiceCollection AddLiveConnections(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        // Whether there is a backplane decides what gets registered, so it is read and checked here, before the backplane parses it.
        var scaleOut = configuration.GetSection(ScaleOutOptions.Section).Get<ScaleOutOptions>() ?? new ScaleOutOptions();
        var failures = scaleOut.Validate(new ValidationContext(scaleOut)).Select(r => r.ErrorMessage ?? "").ToList();
        if (failures.Count > 0) throw new Microsoft.Extensions.Options.OptionsValidationException(ScaleOutOptions.Section, typeof(ScaleOutOptions), failures);
        if (scaleOut.Redis is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("kiosk"));
        return services;
    }
}
