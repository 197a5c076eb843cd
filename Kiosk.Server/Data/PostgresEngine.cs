using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Kiosk.Server.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Kiosk.Server.Data;

/// <summary>PostgreSQL: for several server instances on one database (README, Deployment).</summary>
public sealed class PostgresEngine : DatabaseEngine
{
    public static readonly PostgresEngine Instance = new();

    private PostgresEngine() : base("Kiosk.Server.Migrations.Postgres") { }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override bool HasSingleWriter => false;

    internal override KioskDb CreateContext(string connectionString) => new PostgresKioskDb(Options<PostgresKioskDb>(connectionString));

    internal override void AddContext(IServiceCollection services, string connectionString) =>
        services.AddDbContextPool<KioskDb, PostgresKioskDb>(o => Configure(o, connectionString));

    protected override void UseProvider(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(Migrations));

    internal override bool IsUniqueViolation(Exception providerError) =>
        providerError is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    // Its own schema in the same database, so that every instance shares the queue and a recurring job runs once.
    internal override JobStorage CreateJobStorage(string connectionString, JobOptions options)
    {
        var storage = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(options.PollMilliseconds),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storage), storage);
    }
}

/// <summary>The context on PostgreSQL; its own type so that its migrations are its own.</summary>
public sealed class PostgresKioskDb(DbContextOptions<PostgresKioskDb> options) : KioskDb(options)
{
    internal override DatabaseEngine Engine => PostgresEngine.Instance;
}

/// <summary>For <c>dotnet ef</c> (scripts/add-migration.sh): needs no running app, and never connects.</summary>
internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresKioskDb>
{
    public PostgresKioskDb CreateDbContext(string[] args) =>
        new(PostgresEngine.Instance.Options<PostgresKioskDb>("Host=localhost"));
}
