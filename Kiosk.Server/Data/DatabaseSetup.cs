using Microsoft.Extensions.Options;

namespace Kiosk.Server.Data;

public static class DatabaseSetup
{
    /// <summary>Registers <see cref="KioskDb"/> for the configured engine; SQLite in the data folder when nothing is configured.</summary>
    public static IServiceCollection AddKioskDatabase(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue(nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        var engine = DatabaseEngine.For(provider);
        var connectionString = configuration.GetConnectionString("Kiosk");
        if (string.IsNullOrWhiteSpace(connectionString))
            connectionString = engine.DefaultConnectionString(dataDirectory)
                ?? throw new OptionsValidationException("ConnectionStrings:Kiosk", typeof(DatabaseOptions),
                    [$"ConnectionStrings:Kiosk is required when Database:Provider is {provider}."]);

        services.AddSingleton(new DatabaseConnection(engine, connectionString));
        services.AddSingleton(new WriteGate(serialise: engine.HasSingleWriter));
        engine.AddContext(services, connectionString);
        return services;
    }

    /// <summary>Applies migrations (if enabled). Run once at start-up, before the app serves requests.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        await db.Engine.MigrateAsync(db, cancellationToken);
    }
}

/// <summary>The engine and connection string in use, resolved once (the job storage follows the same engine).</summary>
public sealed record DatabaseConnection(DatabaseEngine Engine, string ConnectionString);
