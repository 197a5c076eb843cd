using Npgsql;

namespace Kiosk.Testing;

/// <summary>
/// Scale-out on one machine: two server instances sharing one PostgreSQL database, one Redis (SignalR
/// backplane), one data protection key folder and one Hangfire storage — as behind a reverse proxy.
/// Needs KIOSK_TEST_POSTGRES and KIOSK_TEST_REDIS (scripts/test.sh starts both).
/// </summary>
public sealed class TwoServers : IAsyncLifetime
{
    private readonly string _keys = Directory.CreateTempSubdirectory("kiosk-scale-keys-").FullName;
    private string? _database;

    public KioskApp A { get; private set; } = null!;
    public KioskApp B { get; private set; } = null!;
    public bool Available { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("KIOSK_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("KIOSK_TEST_REDIS");
        if (string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(redis))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                throw new InvalidOperationException("KIOSK_TEST_POSTGRES and KIOSK_TEST_REDIS must be set: run the tests through scripts/test.sh.");
            return;
        }
        Available = true;
        _database = new NpgsqlConnectionStringBuilder(postgres) { Database = $"kiosk_scale_{Guid.NewGuid():N}", MaxPoolSize = 100 }.ConnectionString;
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Kiosk"] = _database,
            ["ConnectionStrings:Redis"] = redis,
            ["DataProtection:KeysDirectory"] = _keys,
            ["Jobs:PollMilliseconds"] = "200",
        };
        // One after the other: the first applies the migrations, the second finds nothing to do.
        A = new Instance(shared);
        await A.InitializeAsync();
        B = new Instance(shared);
        await B.InitializeAsync();
    }

    public void Require() => Assert.SkipUnless(Available, "PostgreSQL and Redis are not configured (KIOSK_TEST_POSTGRES, KIOSK_TEST_REDIS; see README).");

    public async ValueTask DisposeAsync()
    {
        if (Available)
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(_database).Database;
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("KIOSK_TEST_POSTGRES"));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_keys, recursive: true); } catch (IOException) { }
    }

    private sealed class Instance(Dictionary<string, string?> settings) : KioskApp(Engine.Postgres, settings);
}
