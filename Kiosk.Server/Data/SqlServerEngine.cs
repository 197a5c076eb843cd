using Hangfire;
using Hangfire.SqlServer;
using Kiosk.Server.Jobs;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kiosk.Server.Data;

/// <summary>SQL Server: where the venue's IT runs one (README, Databases).</summary>
public sealed class SqlServerEngine : DatabaseEngine
{
    public static readonly SqlServerEngine Instance = new();

    private SqlServerEngine() : base("Kiosk.Server.Migrations.SqlServer") { }

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override bool HasSingleWriter => false;

    internal override KioskDb CreateContext(string connectionString) => new SqlServerKioskDb(Options<SqlServerKioskDb>(connectionString));

    internal override void AddContext(IServiceCollection services, string connectionString) =>
        services.AddDbContextPool<KioskDb, SqlServerKioskDb>(o => Configure(o, connectionString));

    // No retrying execution strategy: it refuses the explicit transactions the check-in, door and desk
    // writes use. Those writes are idempotent by client id, and devices resend after any error.
    protected override void UseProvider(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(Migrations));

    internal override bool IsUniqueViolation(Exception providerError) =>
        providerError is SqlException { Number: 2601 or 2627 };

    // Its own schema in the same database, so that every instance shares the queue and a recurring job runs once.
    internal override JobStorage CreateJobStorage(string connectionString, JobOptions options) =>
        new SqlServerStorage(connectionString, new SqlServerStorageOptions
        {
            SchemaName = "HangFire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(options.PollMilliseconds),
        });
}

/// <summary>The context on SQL Server; its own type so that its migrations are its own.</summary>
public sealed class SqlServerKioskDb(DbContextOptions<SqlServerKioskDb> options) : KioskDb(options)
{
    internal override DatabaseEngine Engine => SqlServerEngine.Instance;
}

/// <summary>For <c>dotnet ef</c> (scripts/add-migration.sh): needs no running app, and never connects.</summary>
internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerKioskDb>
{
    public SqlServerKioskDb CreateDbContext(string[] args) =>
        new(SqlServerEngine.Instance.Options<SqlServerKioskDb>("Server=.;Database=Kiosk;Trusted_Connection=True;TrustServerCertificate=True"));
}
