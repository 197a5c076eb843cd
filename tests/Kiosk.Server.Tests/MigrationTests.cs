using Kiosk.Server.Attendees;
using Kiosk.Server.CheckIn;
using Kiosk.Server.Data;
using Kiosk.Server.Events;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Kiosk.Server.Tests;

/// <summary>
/// Migrations exist for every engine (projects Kiosk.Server.Migrations.*) and match the model; data outlives every
/// migration after the baseline; the SQL Server script is valid T-SQL.
/// </summary>
public class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];

    /// <summary>The engines the build machines run (SQL Server runs only where KIOSK_TEST_SQLSERVER is set, and this test is not among its).</summary>
    public static TheoryData<DatabaseProvider> EnginesHere => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

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

    /// <summary>
    /// A database made by the first migration (the baseline), with an event, an attendee and a check-in in it, is
    /// migrated to the newest one and its data read through today's model. Every migration added later is covered
    /// without changing this test: the rows are written with only the columns the baseline has (<see cref="BaselineRows"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(EnginesHere))]
    public async Task An_event_attendee_and_check_in_stored_in_the_baseline_are_readable_after_every_later_migration(DatabaseProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("kiosk-migrate-").FullName;
        var connectionString = new Engine(provider).NewDatabase(folder);
        Assert.SkipWhen(connectionString is null, $"{provider} is not configured (KIOSK_TEST_POSTGRES).");
        if (provider == DatabaseProvider.Sqlite) connectionString += ";Pooling=False";
        var engine = DatabaseEngine.For(provider);
        var at = new DateTimeOffset(2026, 11, 23, 7, 45, 0, TimeSpan.Zero);
        var scan = Guid.NewGuid();
        try
        {
            await using (var db = engine.CreateContext(connectionString))
            {
                var baseline = db.Database.GetMigrations().First();
                await db.GetService<IMigrator>().MigrateAsync(baseline);
                await BaselineRows.InsertAsync(db, baseline,
                    new Event { Id = 1, Name = "dikomm 2026", City = "Essen", StartsAt = at, EndsAt = at.AddDays(2), CreatedAt = at },
                    new Attendee
                    {
                        Id = 1, EventId = 1, FirstName = "Jana", LastName = "Schröder", Email = "jana.schroeder@example.org",
                        Category = AttendeeCategory.Exhibitor, CheckedInAt = at, CreatedAt = at, UpdatedAt = at,
                    },
                    new CheckInRecord { Id = 1, ClientScanId = scan, EventId = 1, AttendeeId = 1, Outcome = CheckInOutcome.FirstCheckIn, ScannedAt = at, ReceivedAt = at });

                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            }

            await using var after = engine.CreateContext(connectionString);
            var stored = await (
                from c in after.CheckIns
                join a in after.Attendees on c.AttendeeId equals a.Id
                join e in after.Events on a.EventId equals e.Id
                select new { Event = e.Name, a.LastName, a.CheckedInAt, c.ClientScanId, c.Outcome, c.ScannedAt }).SingleAsync();
            Assert.Equal(("dikomm 2026", "Schröder", (DateTimeOffset?)at, scan, CheckInOutcome.FirstCheckIn, at),
                (stored.Event, stored.LastName, stored.CheckedInAt, stored.ClientScanId, stored.Outcome, stored.ScannedAt));
        }
        finally
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                await using var drop = engine.CreateContext(connectionString);
                await drop.Database.EnsureDeletedAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
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
