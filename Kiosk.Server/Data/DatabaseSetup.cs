using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Data;

public static class DatabaseSetup
{
    /// <summary>Registers <see cref="KioskDb"/> for the configured engine; SQLite in the data folder when nothing is configured.</summary>
    public static IServiceCollection AddKioskDatabase(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue(nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString("Kiosk");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new OptionsValidationException("ConnectionStrings:Kiosk", typeof(DatabaseOptions),
                    [$"ConnectionStrings:Kiosk is required when Database:Provider is {provider}."]);
            connectionString = $"Data Source={Path.Combine(dataDirectory, "kiosk.db")}";
        }

        services.AddSingleton(new DatabaseConnection(provider, connectionString));
        services.AddSingleton(new WriteGate(serialise: provider == DatabaseProvider.Sqlite));
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<KioskDb, SqliteKioskDb>(o => Configure(o, provider, connectionString));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<KioskDb, PostgresKioskDb>(o => Configure(o, provider, connectionString));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<KioskDb, SqlServerKioskDb>(o => Configure(o, provider, connectionString));
                break;
        }
        return services;
    }

    internal static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder, DatabaseProvider provider, string connectionString)
        where T : DbContext
    {
        Configure((DbContextOptionsBuilder)builder, provider, connectionString);
        return builder;
    }

    internal static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory"))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(connectionString);
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: it refuses the explicit transactions the check-in, door and desk
                // writes use. Those writes are idempotent by client id, and devices resend after any error.
                builder.UseSqlServer(connectionString);
                break;
        }
        // A unique index turning away a resent scan is the normal "already" answer, not a failure: EF's own
        // error logs for it go to Debug. A failure nobody handles still reaches the log at Error, from the
        // exception handler (requests) or the job and background loops that catch it.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)
            .Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
    }

    /// <summary>Applies migrations (if enabled). Run once at start-up, before the app serves requests.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) ?? ".");
        await db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>The engine and connection string in use, resolved once (the job storage follows the same engine).</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString);

/// <summary>
/// WAL lets readers run beside the writer. synchronous=NORMAL is safe against application crashes in
/// WAL mode; a power cut or an OS crash may lose the last commits. Kiosks notice from the outbox mark in the
/// heartbeat answer (Terminals/OutboxMarkFilter.cs) and send what the database lost again, by client scan id.
/// WAL is a property of the file and is set once per file; the rest is per connection.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _walFiles = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        // EF opens read-only connections to ask whether the file exists: they must not try to write the journal mode.
        var readOnly = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;
        var wal = readOnly || _walFiles.ContainsKey(connection.DataSource) ? "" : "PRAGMA journal_mode=WAL; ";
        command.CommandText = readOnly ? "PRAGMA busy_timeout=10000;" : wal + "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        command.ExecuteNonQuery();
        if (wal.Length > 0) _walFiles.TryAdd(connection.DataSource, true);
    }
}
