using Kiosk.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Kiosk.Server.Tests;

/// <summary>Migrations exist for every engine and match the model; the SQL Server script is valid T-SQL.</summary>
public class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];

    private static KioskDb Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDesignFactory().CreateDbContext([]),
        DatabaseProvider.Postgres => new PostgresDesignFactory().CreateDbContext([]),
        _ => new SqlServerDesignFactory().CreateDbContext([]),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_has_no_changes_missing_from_the_migrations(DatabaseProvider provider)
    {
        using var db = Create(provider);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"Add a migration for {provider} (README, Databases).");
    }

    [Fact]
    public void Sql_server_migration_script_parses_as_t_sql_without_errors()
    {
        using var db = Create(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        // The idempotent script separates batches with GO, which is a tool command, not T-SQL.
        var batches = script.Split("\nGO", StringSplitOptions.RemoveEmptyEntries);
        foreach (var batch in batches)
        {
            parser.Parse(new StringReader(batch), out var errors);
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Line}: {e.Message}")) + "\n" + batch);
        }
        Assert.Contains("CREATE UNIQUE INDEX [IX_CheckIns_ClientScanId]", script);
    }
}
