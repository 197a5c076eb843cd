using Kiosk.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Testing;

/// <summary>
/// The server as its own process on SQLite (what a venue runs on one machine), for tests that kill it
/// with SIGKILL and start it again. The test reads the same database file to check what was stored.
/// </summary>
public sealed class ServerProcess : KioskApp
{
    private readonly string _data = Directory.CreateTempSubdirectory("kiosk-server-proc-").FullName;
    private AppProcess _app = null!;

    private string Database => Path.Combine(_data, "kiosk.db");

    public override async ValueTask InitializeAsync()
    {
        var port = AppProcess.FreePort();
        _app = new AppProcess("Kiosk.Server.dll", new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Storage__DataDirectory"] = _data,
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

    public override async Task<T> WithDbAsync<T>(Func<KioskDb, Task<T>> work)
    {
        var options = new DbContextOptionsBuilder<SqliteKioskDb>().UseSqlite($"Data Source={Database};Pooling=False").Options;
        await using var db = new SqliteKioskDb(options);
        return await work(db);
    }

    public override ValueTask DisposeAsync()
    {
        _app.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
