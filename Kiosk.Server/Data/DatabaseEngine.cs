using System.Reflection;
using System.Runtime.Loader;
using Hangfire;
using Kiosk.Server.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kiosk.Server.Data;

/// <summary>
/// Everything that differs between the database engines, one subclass each (<see cref="SqliteEngine"/>,
/// <see cref="PostgresEngine"/>, <see cref="SqlServerEngine"/>), chosen once at start from Database:Provider.
/// Features do not ask which engine runs; they ask the engine, so a difference between engines has one place.
/// </summary>
public abstract class DatabaseEngine
{
    private readonly Lazy<Assembly> _migrations;

    private protected DatabaseEngine(string migrationsAssembly) => _migrations = new(() => LoadMigrations(migrationsAssembly));

    public static DatabaseEngine For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteEngine.Instance,
        DatabaseProvider.Postgres => PostgresEngine.Instance,
        DatabaseProvider.SqlServer => SqlServerEngine.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No such database engine."),
    };

    /// <summary>Every engine: an error is recognised by its type, whichever engine raised it.</summary>
    internal static IReadOnlyList<DatabaseEngine> All => [SqliteEngine.Instance, PostgresEngine.Instance, SqlServerEngine.Instance];

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// True when the engine lets one connection write at a time (SQLite): writes queue in-process
    /// (<see cref="WriteGate"/>), and a second connection cannot write while a long transaction is open.
    /// </summary>
    public abstract bool HasSingleWriter { get; }

    /// <summary>The assembly holding this engine's migrations (its own project, Kiosk.Server.Migrations.*).</summary>
    protected Assembly Migrations => _migrations.Value;

    /// <summary>The connection string when ConnectionStrings:Kiosk is not set, or null when this engine needs one.</summary>
    internal virtual string? DefaultConnectionString(string dataDirectory) => null;

    /// <summary>Registers the pooled <see cref="KioskDb"/> as this engine's own subclass, which its migrations name.</summary>
    internal abstract void AddContext(IServiceCollection services, string connectionString);

    /// <summary>A context of its own, outside the app's pool: for dotnet ef (the design-time factories) and tests.</summary>
    internal abstract KioskDb CreateContext(string connectionString);

    /// <summary>Options for a context on this engine: provider, connection, migrations, and the warnings all engines share.</summary>
    internal DbContextOptions<T> Options<T>(string connectionString) where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        Configure(builder, connectionString);
        return builder.Options;
    }

    internal void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        UseProvider(builder, connectionString);
        // A unique index turning away a resent scan is the normal "already" answer, not a failure: EF's own
        // error logs for it go to Debug. A failure nobody handles still reaches the log at Error, from the
        // exception handler (requests) or the job and background loops that catch it.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)
            .Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
    }

    /// <summary>The EF provider with the connection string and <see cref="Migrations"/>.</summary>
    protected abstract void UseProvider(DbContextOptionsBuilder builder, string connectionString);

    /// <summary>Model conventions of this engine (how a type is stored where the engine has no column type for it).</summary>
    internal virtual void ConfigureConventions(ModelConfigurationBuilder builder) { }

    /// <summary>Applies the pending migrations.</summary>
    internal virtual Task MigrateAsync(KioskDb db, CancellationToken ct) => db.Database.MigrateAsync(ct);

    /// <summary>True when <paramref name="providerError"/> (a save's inner exception) is this engine's "unique index violated".</summary>
    internal abstract bool IsUniqueViolation(Exception providerError);

    /// <summary>Makes deleted values unrecoverable from what the engine stores; false when it must be tried again later.</summary>
    internal virtual Task<bool> CompactAsync(KioskDb db, WriteGate writes, CancellationToken ct) => Task.FromResult(true);

    /// <summary>Where Hangfire keeps its jobs on this engine.</summary>
    internal abstract JobStorage CreateJobStorage(string connectionString, JobOptions options);

    public override string ToString() => Provider.ToString();

    // The migration projects reference Kiosk.Server (for the model), so it cannot reference them: its build copies
    // them beside Kiosk.Server.dll (Kiosk.Server.csproj). A host that lists them (the tests) loads them by name.
    private static Assembly LoadMigrations(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            var path = Path.Combine(Path.GetDirectoryName(typeof(DatabaseEngine).Assembly.Location) ?? AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(path))
                throw new FileNotFoundException($"The migrations {name}.dll are not beside Kiosk.Server.dll: build or publish Kiosk.Server, which builds them.", path);
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }
}
