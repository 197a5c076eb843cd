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
    public void Every_sqlite_migration_runs_in_one_transaction_so_a_crash_mid_upgrade_leaves_a_database_the_next_start_can_migrate()
    {
        using var db = Create(DatabaseProvider.Sqlite);
        var script = db.GetService<IMigrator>().GenerateScript();
        Assert.DoesNotContain("PRAGMA foreign_keys", script);
        Assert.Equal(db.Database.GetMigrations().Count(), script.Split("BEGIN TRANSACTION;").Length - 1);
    }

    [Fact]
    public async Task Upgrading_a_sqlite_file_keeps_the_reviews_of_door_conflicts()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("kiosk-migrate-").FullName, "kiosk.db");
        var options = new DbContextOptionsBuilder<SqliteKioskDb>().UseSqlite($"Data Source={file};Pooling=False").Options;
        await using (var db = new SqliteKioskDb(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261123130400_MailAndImportRuns");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "ConflictReviews" ("PresenceScanId", "EventId", "ReviewedAt", "ReviewedBy", "Note") VALUES (42, 1, 0, 'desk', 'Nachgetragen')
                """);
            await db.Database.MigrateAsync();
        }
        await using var after = new SqliteKioskDb(options);
        var review = await after.ConflictReviews.SingleAsync();
        Assert.Equal((42L, (long?)null, "Nachgetragen"), (review.PresenceScanId!.Value, review.CheckInRecordId, review.Note));
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
