using Kiosk.Shared.Badges;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Printing;
using Kiosk.Terminal.Tests.Infrastructure;

namespace Kiosk.Terminal.Tests;

/// <summary>The kiosk's own SQLite file across an update of the kiosk software.</summary>
public sealed class TerminalStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kiosk-store-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_version_5_file_with_a_printed_badge_upgrades_and_that_print_ages_by_the_wall_clock()
    {
        // A kiosk of the previous version printed Anna's badge two minutes ago (print jobs had no monotonic stamp then).
        var pc = new KioskPcClock(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var old = new TerminalStore(_folder);
        await old.WriteAsync(async (c, tx) =>
        {
            await using var command = c.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                DROP INDEX print_jobs_ref;
                ALTER TABLE print_jobs DROP COLUMN hold_until;
                ALTER TABLE print_jobs DROP COLUMN print_ref;
                ALTER TABLE print_jobs DROP COLUMN correction;
                ALTER TABLE print_jobs DROP COLUMN clock_stamp;
                ALTER TABLE print_jobs DROP COLUMN clock_run;
                ALTER TABLE outbox DROP COLUMN orphaned;
                ALTER TABLE roster DROP COLUMN badge_at_counter;
                INSERT INTO print_jobs (client_scan_id, created_at, state, badge, attendee_id, self_reprint)
                VALUES ($scan, $at, 'Printed', '{}', 7, 0);
                PRAGMA user_version = 5;
                """;
            command.Parameters.AddWithValue("$scan", Guid.NewGuid().ToString());
            command.Parameters.AddWithValue("$at", pc.GetUtcNow().AddMinutes(-2).ToString("O"));
            await command.ExecuteNonQueryAsync();
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var store = new TerminalStore(_folder);
        var clock = new KioskClock(pc);
        var jobs = new PrintJobs(store, clock);
        Assert.Equal(9L, await store.ReadAsync(async c =>
        {
            await using var command = c.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            return (long)(await command.ExecuteScalarAsync())!;
        }));
        var (first, reprinted) = await jobs.HistoryAsync(7);
        Assert.False(reprinted);
        Assert.Equal(TimeSpan.FromMinutes(2), clock.Since(first!.Value, pc.GetUtcNow()));

        // A badge printed after the update carries the monotonic stamp: setting the PC's time does not age it.
        await store.WriteAsync((c, tx) => PrintJobs.AddAsync(c, tx, Guid.NewGuid(),
            new BadgePrint(null, "Jürgen", "Groß", null, AttendeeCategory.Visitor, "dikomm 2026", "token"), clock.At(pc.GetUtcNow()), attendeeId: 8));
        pc.SetWallClockBy(TimeSpan.FromHours(-1));
        pc.Advance(TimeSpan.FromSeconds(90));
        var (fresh, _) = await jobs.HistoryAsync(8);
        Assert.Equal(TimeSpan.FromSeconds(90), clock.Since(fresh!.Value, pc.GetUtcNow()));
    }
}
