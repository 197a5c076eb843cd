using Kiosk.Server.Data;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace Kiosk.Testing;

/// <summary>
/// A database engine for a test server: a fresh SQLite file, or a fresh database on the PostgreSQL or
/// SQL Server named by KIOSK_TEST_POSTGRES / KIOSK_TEST_SQLSERVER. scripts/test.sh starts PostgreSQL;
/// in CI a missing PostgreSQL fails the tests instead of skipping them.
/// </summary>
public sealed record Engine(DatabaseProvider Provider)
{
    public static readonly Engine Sqlite = new(DatabaseProvider.Sqlite);
    public static readonly Engine Postgres = new(DatabaseProvider.Postgres);
    public static readonly Engine SqlServer = new(DatabaseProvider.SqlServer);

    /// <summary>The connection string for a new, empty database, or null when the engine is not available here.</summary>
    public string? NewDatabase(string dataDirectory)
    {
        var name = $"kiosk_test_{Guid.NewGuid():N}";
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                return $"Data Source={Path.Combine(dataDirectory, "kiosk.db")}";
            case DatabaseProvider.Postgres:
                var pg = Environment.GetEnvironmentVariable("KIOSK_TEST_POSTGRES");
                if (string.IsNullOrEmpty(pg))
                {
                    if (Environment.GetEnvironmentVariable("CI") == "true")
                        throw new InvalidOperationException("KIOSK_TEST_POSTGRES is not set: run the tests through scripts/test.sh.");
                    return null;
                }
                return new NpgsqlConnectionStringBuilder(pg) { Database = name, MaxPoolSize = 200 }.ConnectionString;
            default:
                var ms = Environment.GetEnvironmentVariable("KIOSK_TEST_SQLSERVER");
                return string.IsNullOrEmpty(ms) ? null : new SqlConnectionStringBuilder(ms) { InitialCatalog = name }.ConnectionString;
        }
    }

    public override string ToString() => Provider.ToString();
}
