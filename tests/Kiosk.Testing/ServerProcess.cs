using System.Diagnostics;
using Kiosk.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kiosk.Testing;

/// <summary>
/// The server as its own process on SQLite (what a venue runs on one machine), for tests that kill it
/// with SIGKILL and start it again. The test reads the same database file to check what was stored.
/// </summary>
public class ServerProcess : KioskApp
{
    private readonly string _data = Directory.CreateTempSubdirectory("kiosk-server-proc-").FullName;
    private readonly Engine _engine;
    private AppProcess _app = null!;
    private string _connectionString = "";

    public ServerProcess() : this(Engine.Sqlite) { }

    protected ServerProcess(Engine engine) => _engine = engine;

    private string Database => Path.Combine(_data, "kiosk.db");

    public override async ValueTask InitializeAsync()
    {
        if (_engine.NewDatabase(_data) is not { } connectionString) return;
        _connectionString = connectionString;
        Available = true;
        var port = AppProcess.FreePort();
        _app = new AppProcess("Kiosk.Server.dll", new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Storage__DataDirectory"] = _data,
            ["Database__Provider"] = _engine.Provider.ToString(),
            ["ConnectionStrings__Kiosk"] = connectionString,
            ["Bootstrap__AdminPassword"] = AdminPassword,
            ["RateLimits__LoginPerMinute"] = "10000",
            ["RateLimits__EnrolPerMinute"] = "10000",
            ["RateLimits__SearchPerSecond"] = "10000",
            ["RateLimits__CheckInPerSecond"] = "10000",
        }, port);
        BaseAddress = _app.Address;
        await _app.StartAsync();
    }

    public void KillHard() => _app.KillHard();

    public long? ResidentBytes() => _app.ResidentBytes();

    public Task StartAsync() => _app.StartAsync();

    /// <summary>
    /// A copy of the database as it stands now, while the server writes on: on SQLite the files kiosk.db, -wal and
    /// -shm as they are on disk (what a power cut leaves), on PostgreSQL a pg_dump (what a backup is).
    /// </summary>
    public async Task<string> BackUpAsync()
    {
        var copy = Directory.CreateDirectory(Path.Combine(_data, $"backup-{Guid.NewGuid():N}")).FullName;
        if (_engine.Provider == DatabaseProvider.Sqlite)
        {
            // A read transaction held open meanwhile keeps the server's checkpoints from writing pages newer than it
            // into kiosk.db and from starting the WAL over, so the files copied one after the other fit together:
            // kiosk.db plus the WAL is the database at some commit, as after a power cut at that moment.
            await using var reader = new SqliteConnection($"Data Source={Database};Pooling=False");
            await reader.OpenAsync();
            await using var tx = await reader.BeginTransactionAsync();
            await using (var read = reader.CreateCommand())
            {
                read.CommandText = "SELECT count(*) FROM Terminals";
                await read.ExecuteScalarAsync();
            }
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(Database + suffix)) CopyShared(Database + suffix, Path.Combine(copy, "kiosk.db" + suffix));
        }
        else await PgAsync("pg_dump", "--format=custom", $"--file={Path.Combine(copy, "kiosk.dump")}", Pg.Database!);
        return copy;
    }

    /// <summary>Puts a copy from <see cref="BackUpAsync"/> in place of the database; the server must be stopped.</summary>
    public async Task RestoreAsync(string copy)
    {
        if (_engine.Provider == DatabaseProvider.Sqlite)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Database + suffix);
                if (File.Exists(Path.Combine(copy, "kiosk.db" + suffix))) File.Copy(Path.Combine(copy, "kiosk.db" + suffix), Database + suffix);
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var recreate = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Pg.Database}\" WITH (FORCE); CREATE DATABASE \"{Pg.Database}\";", admin);
            await recreate.ExecuteNonQueryAsync();
        }
        await PgAsync("pg_restore", "--exit-on-error", $"--dbname={Pg.Database}", Path.Combine(copy, "kiosk.dump"));
    }

    public override async Task<T> WithDbAsync<T>(Func<KioskDb, Task<T>> work)
    {
        if (_engine.Provider == DatabaseProvider.Postgres)
        {
            var pgOptions = new DbContextOptionsBuilder<PostgresKioskDb>().UseNpgsql(_connectionString).Options;
            await using var pg = new PostgresKioskDb(pgOptions);
            return await work(pg);
        }
        var options = new DbContextOptionsBuilder<SqliteKioskDb>().UseSqlite($"Data Source={Database};Pooling=False").Options;
        await using var db = new SqliteKioskDb(options);
        return await work(db);
    }

    public override async ValueTask DisposeAsync()
    {
        _app?.Dispose();
        if (_engine.Provider == DatabaseProvider.Postgres && Available)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Pg.Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    private NpgsqlConnectionStringBuilder Pg => new(_connectionString);

    /// <summary>Runs a PostgreSQL client program (from the Debian postgresql package) against the test server.</summary>
    private async Task PgAsync(string program, params string[] arguments)
    {
        var bin = File.Exists($"/usr/bin/{program}") ? $"/usr/bin/{program}"
            : Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin", program)).Last(File.Exists);
        var start = new ProcessStartInfo(bin, [$"--host={Pg.Host}", $"--port={Pg.Port}", $"--username={Pg.Username}", .. arguments])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
    }

    // The server keeps the files open; copy them the way another process on the machine could.
    private static void CopyShared(string from, string to)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var target = File.Create(to);
        source.CopyTo(target);
    }
}

/// <summary>The server process on a fresh PostgreSQL database (KIOSK_TEST_POSTGRES), restored from pg_dump in tests.</summary>
public sealed class PostgresServerProcess() : ServerProcess(Engine.Postgres);
