using Microsoft.EntityFrameworkCore;
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
        await RefusePreReleaseHistoryAsync(db, cancellationToken);
        await db.Engine.MigrateAsync(db, cancellationToken);
    }

    /// <summary>
    /// A database made before the 1.0.0 baseline has a history of none of today's migrations: migrating it would
    /// fail half-way with "table already exists". Say what it is and what to do instead.
    /// </summary>
    private static async Task RefusePreReleaseHistoryAsync(KioskDb db, CancellationToken ct)
    {
        if (!await db.Database.CanConnectAsync(ct)) return;
        // Empty for a new database (no history table yet).
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (applied.Count > 0 && !applied.Intersect(db.Database.GetMigrations()).Any())
            throw new InvalidOperationException(
                $"The database was created by a build before Kiosk 1.0.0 (its first migration is {applied[0]}), whose migrations were " +
                "replaced by one baseline. It cannot be upgraded: delete it (SQLite: the kiosk.db file in the data folder) or point " +
                "ConnectionStrings:Kiosk at a new database. See CHANGELOG.md.");
    }
}

/// <summary>The engine and connection string in use, resolved once (the job storage follows the same engine).</summary>
public sealed record DatabaseConnection(DatabaseEngine Engine, string ConnectionString);
