using System.Collections.Concurrent;
using System.Data.Common;
using Hangfire;
using Hangfire.InMemory;
using Kiosk.Server.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kiosk.Server.Data;

/// <summary>The embedded default: one file in the data folder, one writer at a time.</summary>
public sealed class SqliteEngine : DatabaseEngine
{
    public static readonly SqliteEngine Instance = new();

    private SqliteEngine() : base("Kiosk.Server.Migrations.Sqlite") { }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override bool HasSingleWriter => true;

    internal override string DefaultConnectionString(string dataDirectory) => $"Data Source={Path.Combine(dataDirectory, "kiosk.db")}";

    internal override KioskDb CreateContext(string connectionString) => new SqliteKioskDb(Options<SqliteKioskDb>(connectionString));

    internal override void AddContext(IServiceCollection services, string connectionString) =>
        services.AddDbContextPool<KioskDb, SqliteKioskDb>(o => Configure(o, connectionString));

    protected override void UseProvider(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(Migrations).MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(SqlitePragmas.Instance);

    // SQLite has no date-time type that sorts and compares in SQL; UTC ticks do both.
    internal override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    internal override Task MigrateAsync(KioskDb db, CancellationToken ct)
    {
        var file = ((SqliteConnection)db.Database.GetDbConnection()).DataSource;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".");
        return base.MigrateAsync(db, ct);
    }

    internal override bool IsUniqueViolation(Exception providerError) =>
        providerError is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    /// <summary>
    /// SQLite keeps old page contents in free pages, in the unused parts of pages and in the WAL until they happen
    /// to be reused: VACUUM rewrites the file from the live rows only, and the TRUNCATE checkpoint copies that into
    /// the main file and cuts the WAL to zero bytes. PRAGMA secure_delete was not chosen: it zeroes what a delete
    /// frees, but not the superseded page copies in the WAL, and it costs on every delete all event long, while
    /// personal data is only ever removed after a purge or an erasure.
    /// </summary>
    /// <returns>False when SQLite could not truncate the WAL because a reader held it; the next compaction catches up.</returns>
    internal override async Task<bool> CompactAsync(KioskDb db, WriteGate writes, CancellationToken ct)
    {
        using (await writes.EnterAsync(ct))
        {
            var connection = db.Database.GetDbConnection();
            var wasOpen = connection.State == System.Data.ConnectionState.Open;
            if (!wasOpen) await connection.OpenAsync(ct);
            try
            {
                await using (var vacuum = connection.CreateCommand())
                {
                    vacuum.CommandText = "VACUUM;";
                    await vacuum.ExecuteNonQueryAsync(ct);
                }
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var result = await checkpoint.ExecuteReaderAsync(ct);
                // One row: busy (1 when a reader or writer kept the checkpoint from finishing), log frames, checkpointed frames.
                return await result.ReadAsync(ct) && result.GetInt32(0) == 0;
            }
            finally
            {
                if (!wasOpen) await connection.CloseAsync();
            }
        }
    }

    // In memory: what must not be lost lives in our own tables, and the startup sweeps queue unfinished work again.
    internal override JobStorage CreateJobStorage(string connectionString, JobOptions options) =>
        new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

/// <summary>The context on SQLite; its own type so that its migrations are its own.</summary>
public sealed class SqliteKioskDb(DbContextOptions<SqliteKioskDb> options) : KioskDb(options)
{
    internal override DatabaseEngine Engine => SqliteEngine.Instance;
}

/// <summary>For <c>dotnet ef</c> (scripts/add-migration.sh): needs no running app, and never connects.</summary>
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteKioskDb>
{
    public SqliteKioskDb CreateDbContext(string[] args) =>
        new(SqliteEngine.Instance.Options<SqliteKioskDb>("Data Source=design.db"));
}

/// <summary>
/// WAL lets readers run beside the writer. synchronous=NORMAL is safe against application crashes in
/// WAL mode; a power cut or an OS crash may lose the last commits. Kiosks notice from the outbox mark in the
/// heartbeat answer (Terminals/OutboxMarkFilter.cs) and send what the database lost again, by client scan id.
/// WAL is a property of the file and is set once per file; the rest is per connection.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private readonly ConcurrentDictionary<string, bool> _walFiles = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
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
