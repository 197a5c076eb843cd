using Microsoft.Data.Sqlite;

namespace Kiosk.Terminal.Offline;

/// <summary>
/// The terminal's own SQLite file: roster copy, outbox, print jobs and settings. synchronous=FULL, because
/// the screen turns green only after a scan is committed here and that must survive a power cut. Writes
/// queue in-process so a scan never waits on SQLite's sleeping busy handler behind a roster sync.
/// </summary>
public sealed class TerminalStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writes = new(1, 1);

    public TerminalStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        DataDirectory = dataDirectory;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "terminal.db"), Pooling = true,
        }.ToString();
        using var connection = Open();
        Migrate(connection);
    }

    public string DataDirectory { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read)
    {
        await using var connection = Open();
        return await read(connection);
    }

    /// <summary>Runs <paramref name="write"/> in one transaction; its changes are on disk when this returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> write, CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            await using var connection = Open();
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var result = await write(connection, tx);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            _writes.Release();
        }
    }

    public Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken ct = default) =>
        WriteAsync(async (c, t) => { await write(c, t); return true; }, ct);

    /// <summary>
    /// Rewrites the file from live rows and empties the WAL, so values the roster sync overwrote or
    /// deleted (an erased attendee's name, e-mail proof, token) do not linger in free pages or old WAL
    /// frames. Taken as a write, so no scan commits halfway through; costs a moment on a small file.
    /// </summary>
    public async Task CompactAsync(CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _writes.Release();
        }
    }

    private static void Migrate(SqliteConnection connection)
    {
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(version.ExecuteScalar());
        // Each step and its version number commit together, so a crash mid-upgrade repeats the step whole.
        if (current < 1) Run(connection, $"BEGIN; {Version1} PRAGMA user_version = 1; COMMIT;");
        if (current < 2) Run(connection, """
            BEGIN;
            CREATE TABLE walkin_badges (badge_id TEXT PRIMARY KEY, token TEXT NOT NULL, used_at TEXT);
            ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'checkin';
            PRAGMA user_version = 2;
            COMMIT;
            """);
        if (current < 3) Run(connection, """
            BEGIN;
            ALTER TABLE print_jobs ADD COLUMN reprint_order TEXT;
            CREATE UNIQUE INDEX print_jobs_reprint ON print_jobs (reprint_order) WHERE reprint_order IS NOT NULL;
            PRAGMA user_version = 3;
            COMMIT;
            """);
        if (current < 4) Run(connection, """
            BEGIN;
            ALTER TABLE print_jobs ADD COLUMN attendee_id INTEGER;
            ALTER TABLE print_jobs ADD COLUMN self_reprint INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX print_jobs_attendee ON print_jobs (attendee_id) WHERE attendee_id IS NOT NULL;
            CREATE UNIQUE INDEX print_jobs_one_self_reprint ON print_jobs (attendee_id) WHERE self_reprint = 1;
            PRAGMA user_version = 4;
            COMMIT;
            """);
        if (current < 5) Run(connection, """
            BEGIN;
            ALTER TABLE outbox ADD COLUMN clock_run TEXT;
            ALTER TABLE outbox ADD COLUMN clock_stamp INTEGER;
            PRAGMA user_version = 5;
            COMMIT;
            """);
        if (current < 6) Run(connection, """
            BEGIN;
            ALTER TABLE print_jobs ADD COLUMN clock_run TEXT;
            ALTER TABLE print_jobs ADD COLUMN clock_stamp INTEGER;
            PRAGMA user_version = 6;
            COMMIT;
            """);
        // Unsent scans of an identity the server no longer accepts: kept, counted, exportable, never sent under another.
        if (current < 7) Run(connection, """
            BEGIN;
            ALTER TABLE outbox ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0;
            PRAGMA user_version = 7;
            COMMIT;
            """);
        // A badge shown before it prints: held until hold_until, released or cancelled by the screen's print_ref.
        if (current < 8) Run(connection, """
            BEGIN;
            ALTER TABLE print_jobs ADD COLUMN hold_until TEXT;
            ALTER TABLE print_jobs ADD COLUMN print_ref TEXT;
            ALTER TABLE print_jobs ADD COLUMN correction TEXT;
            CREATE UNIQUE INDEX print_jobs_ref ON print_jobs (print_ref) WHERE print_ref IS NOT NULL;
            PRAGMA user_version = 8;
            COMMIT;
            """);
        // Badges printed in advance wait at the counter. The roster is fetched whole once more, so rows copied before
        // this version learn their mark too.
        if (current < 9) Run(connection, $"""
            BEGIN;
            ALTER TABLE roster ADD COLUMN badge_at_counter INTEGER NOT NULL DEFAULT 0;
            DELETE FROM settings WHERE key = '{Settings.RosterCursor}';
            PRAGMA user_version = 9;
            COMMIT;
            """);
        // The booked sessions (badge programme, handout notes); the roster is copied afresh once to bring them.
        if (current < 10) Run(connection, $"""
            BEGIN;
            ALTER TABLE roster ADD COLUMN sessions TEXT;
            DELETE FROM settings WHERE key = '{Settings.RosterCursor}';
            PRAGMA user_version = 10;
            COMMIT;
            """);
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private const string Version1 = """
            CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS roster (
                id INTEGER PRIMARY KEY, badge_id TEXT NOT NULL, badge_version INTEGER NOT NULL,
                title TEXT, first_name TEXT NOT NULL, last_name TEXT NOT NULL, organization TEXT,
                category INTEGER NOT NULL, cancelled INTEGER NOT NULL, checked_in_at TEXT,
                email_proof TEXT, registration_number_proof TEXT, token TEXT NOT NULL, seq INTEGER NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS roster_badge ON roster (badge_id);
            CREATE TABLE IF NOT EXISTS outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, client_scan_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL,
                created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, sent_at TEXT, answer TEXT);
            CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (sent_at, seq);
            CREATE TABLE IF NOT EXISTS print_jobs (
                id INTEGER PRIMARY KEY AUTOINCREMENT, client_scan_id TEXT NOT NULL, created_at TEXT NOT NULL,
                state TEXT NOT NULL, badge TEXT NOT NULL, preview TEXT, printed_at TEXT, note TEXT);
            CREATE INDEX IF NOT EXISTS print_jobs_state ON print_jobs (state, id);
            """;

}
