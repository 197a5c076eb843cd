using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kiosk.Server.Data;

public sealed class SqliteKioskDb(DbContextOptions<SqliteKioskDb> options) : KioskDb(options)
{
    // SQLite has no date-time type that sorts and compares in SQL; UTC ticks do both.
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class PostgresKioskDb(DbContextOptions<PostgresKioskDb> options) : KioskDb(options);

public sealed class SqlServerKioskDb(DbContextOptions<SqlServerKioskDb> options) : KioskDb(options);

// Design-time factories: `dotnet ef migrations add X --context SqliteKioskDb` etc. need no running app.
// The connection strings are placeholders; generating migrations and scripts never connects.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteKioskDb>
{
    public SqliteKioskDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<SqliteKioskDb>(), DatabaseProvider.Sqlite, "Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresKioskDb>
{
    public PostgresKioskDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<PostgresKioskDb>(), DatabaseProvider.Postgres, "Host=localhost").Options);
}

internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerKioskDb>
{
    public SqlServerKioskDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.Configure(new DbContextOptionsBuilder<SqlServerKioskDb>(), DatabaseProvider.SqlServer, "Server=.;Database=Kiosk;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
