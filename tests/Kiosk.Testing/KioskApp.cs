using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Server.Events;
using Kiosk.Server.Terminals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Testing;

/// <summary>
/// The real server on a real loopback port (Kestrel, not the in-memory test server), on a fresh
/// database of the chosen engine. One per test class; tests isolate themselves by creating their own event.
/// </summary>
public class KioskApp : IAsyncLifetime
{
    public const string AdminPassword = "test-admin-password";
    private readonly Engine _engine;
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider? _clock;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kiosk-test-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public KioskApp() : this(Engine.Sqlite) { }

    /// <param name="clock">The server's clock, when a test sets the time (a day with a clock change); the real one otherwise.</param>
    protected KioskApp(Engine engine, Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        _engine = engine;
        _clock = clock;
        _settings = new Dictionary<string, string?>(settings ?? []);
        // A database the test passed in is the test's to drop (several servers may share it).
        _ownsDatabase = !_settings.ContainsKey("ConnectionStrings:Kiosk");
    }

    public Uri BaseAddress { get; protected set; } = null!;
    public IServiceProvider Services => _factory!.Services;
    public bool Available { get; protected set; }

    public virtual async ValueTask InitializeAsync()
    {
        var connectionString = _engine.NewDatabase(_dataDirectory);
        if (connectionString is null) return;
        Available = true;
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Database:Provider"] = _engine.Provider.ToString(),
            ["ConnectionStrings:Kiosk"] = connectionString,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["RateLimits:LoginPerMinute"] = "10000",
            ["RateLimits:EnrolPerMinute"] = "10000",
            ["RateLimits:SearchPerSecond"] = "10000",
            ["RateLimits:CheckInPerSecond"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in _settings) settings[k] = v;
        foreach (var (k, v) in settings) _settings[k] = v;
        Start();
        await Task.CompletedTask;
    }

    /// <summary>The data folder of this server (SQLite file, keys, uploads); it outlives <see cref="RestartAsync"/>.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>
    /// Stops the server and starts a new one on the same database and data folder, as after a crash or an
    /// update; <paramref name="changes"/> are applied to the settings first (null removes a key).
    /// </summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string?>? changes = null)
    {
        if (_factory is not null) await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var (k, v) in changes ?? new Dictionary<string, string?>())
            if (v is null) _settings.Remove(k); else _settings[k] = v;
        Start();
    }

    private void Start()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in _settings) b.UseSetting(k, v);
            if (_clock is { } clock) b.ConfigureServices(s => s.AddSingleton(clock));
            Configure(b);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var client = _factory.CreateClient();
        BaseAddress = client.BaseAddress!;
    }

    /// <summary>More for the test host of a derived fixture (a log capture, a service replaced); applied at every start.</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            if (_engine.Provider != DatabaseProvider.Sqlite && _ownsDatabase)
            {
                await using var scope = Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<KioskDb>().Database.EnsureDeletedAsync();
            }
            await _factory.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test when this engine is not configured on this machine.</summary>
    public void RequireEngine() => Assert.SkipUnless(Available, $"{_engine} is not configured (see README, Databases).");

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public async Task<HttpClient> OrganizerAsync()
    {
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new LoginRequest("admin", AdminPassword));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.Token;
        return WithBearer(token);
    }

    public HttpClient WithBearer(string secret)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>An event in Essen; by default from two hours ago until two days from now.</summary>
    public async Task<EventResponse> CreateEventAsync(HttpClient organizer, string name = "dikomm Test", bool walkIns = false, (DateTimeOffset Starts, DateTimeOffset Ends)? days = null)
    {
        var now = DateTimeOffset.UtcNow;
        var (starts, ends) = days ?? (now.AddHours(-2), now.AddDays(2));
        var response = await organizer.PostAsJsonAsync("/api/events", new EventRequest(name, "Essen", "Messe Essen", starts, ends, "Europe/Berlin", walkIns));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<EventResponse>(Json.Options))!;
    }

    /// <summary>A terminal of the event, enrolled with its one-time code; the client carries the terminal key.</summary>
    public async Task<(HttpClient Client, EnrolResponse Enrolment)> EnrolTerminalAsync(HttpClient organizer, int eventId, string name = "Eingang Nord 1")
    {
        var code = await NewEnrolmentCodeAsync(organizer, eventId, name);
        using var anonymous = Anonymous();
        var enrol = await anonymous.PostAsJsonAsync("/api/terminals/enrol", new EnrolRequest(code));
        enrol.EnsureSuccessStatusCode();
        var enrolment = (await enrol.Content.ReadFromJsonAsync<EnrolResponse>(Json.Options))!;
        return (WithBearer(enrolment.TerminalKey), enrolment);
    }

    /// <summary>A new terminal of the event and its one-time enrolment code, as the organizer hands it to the kiosk.</summary>
    public async Task<string> NewEnrolmentCodeAsync(HttpClient organizer, int eventId, string name = "Eingang Nord 1")
    {
        var codeResponse = await organizer.PostAsJsonAsync($"/api/events/{eventId}/terminals", new NewTerminalRequest(name));
        codeResponse.EnsureSuccessStatusCode();
        return (await codeResponse.Content.ReadFromJsonAsync<EnrolmentCodeResponse>(Json.Options))!.EnrolmentCode;
    }

    /// <summary>A new staff account (or organizer) and a client carrying its script token.</summary>
    public async Task<HttpClient> UserAsync(HttpClient organizer, string role = "Staff")
    {
        var name = $"{role}.{Guid.NewGuid():N}"[..20];
        const string password = "desk-password-1";
        (await organizer.PostAsJsonAsync("/api/users", new Kiosk.Server.Staff.NewAccountRequest(name, password, role))).EnsureSuccessStatusCode();
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new LoginRequest(name, password));
        response.EnsureSuccessStatusCode();
        return WithBearer((await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.Token);
    }

    /// <summary>A client signed in with the browser cookie, as the web pages are; no automatic redirects.</summary>
    public async Task<HttpClient> CookieClientAsync(string username = "admin", string password = AdminPassword)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        (await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, password))).EnsureSuccessStatusCode();
        return client;
    }

    public virtual async Task<T> WithDbAsync<T>(Func<KioskDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<KioskDb>());
    }
}

public sealed class PostgresKioskApp() : KioskApp(Engine.Postgres);

public sealed class SqlServerKioskApp() : KioskApp(Engine.SqlServer);
