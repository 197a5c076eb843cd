using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
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
                ALTER TABLE roster DROP COLUMN sessions;
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
        Assert.Equal(10L, await store.ReadAsync(async c =>
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

    [Fact]
    public async Task A_version_7_file_keeps_its_roster_gains_the_booked_sessions_and_copies_the_roster_afresh_once()
    {
        var old = new TerminalStore(_folder);
        await old.WriteAsync(async (c, tx) =>
        {
            await using var command = c.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                ALTER TABLE roster DROP COLUMN sessions;
                ALTER TABLE roster DROP COLUMN badge_at_counter;
                DROP INDEX print_jobs_ref;
                ALTER TABLE print_jobs DROP COLUMN hold_until;
                ALTER TABLE print_jobs DROP COLUMN print_ref;
                ALTER TABLE print_jobs DROP COLUMN correction;
                INSERT INTO roster (id, badge_id, badge_version, first_name, last_name, category, cancelled, token, seq)
                VALUES (7, '0b7a4a3e-0000-4000-8000-000000000007', 1, 'Käthe', 'Nußbaum', 2, 0, 'token', 41);
                INSERT INTO settings (key, value) VALUES ('roster-cursor', '{"since":41,"after":7}');
                PRAGMA user_version = 7;
                """;
            await command.ExecuteNonQueryAsync();
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var store = new TerminalStore(_folder);
        var roster = new Roster(store);
        var kaethe = (await roster.FindAsync(7))!;
        Assert.Equal(("Nußbaum", (IReadOnlyList<BookedSession>?)null), (kaethe.LastName, kaethe.Sessions));
        Assert.Null(await new Settings(store).GetAsync<RosterCursor>(Settings.RosterCursor)); // the next sync copies the roster afresh

        var start = new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);
        BookedSession[] sessions = [new("KI in der Verwaltung", start, start.AddMinutes(90), "Raum Ruhr", "Skript am Counter 2")];
        await store.WriteAsync((c, tx) => Roster.UpsertAsync(c, tx, [new RosterEntry(7, kaethe.BadgeId, 1, null, "Käthe", "Nußbaum", null, AttendeeCategory.Speaker,
            false, null, null, null, "token", 42, Sessions: sessions)]));
        Assert.Equal(sessions, (await roster.FindAsync(7))!.Sessions!);
        await store.WriteAsync((c, tx) => Roster.UpsertAsync(c, tx, [new RosterEntry(7, kaethe.BadgeId, 1, null, "Käthe", "Nußbaum", null, AttendeeCategory.Speaker,
            false, null, null, null, "token", 43)]));
        Assert.Null((await roster.FindAsync(7))!.Sessions);

        // Opening the upgraded file again changes nothing more.
        await new Settings(store).SetAsync(Settings.RosterCursor, new RosterCursor(43, 7));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(new RosterCursor(43, 7), await new Settings(new TerminalStore(_folder)).GetAsync<RosterCursor>(Settings.RosterCursor));
    }
}
