using System.Net;
using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kiosk.Server.Tests.Operations;

/// <summary>The server with every log entry captured.</summary>
public sealed class LoggedKioskApp : KioskApp
{
    public CapturedLogs Logs { get; } = new();

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureLogging(Logs.AddTo);
}

/// <summary>
/// An operator reads the log for trouble: a device resending a scan it already sent is not trouble and
/// writes nothing there; a database that fails is, and does.
/// </summary>
public sealed class QuietLogTests(LoggedKioskApp app) : IClassFixture<LoggedKioskApp>
{
    private IReadOnlyList<CapturedLogs.Entry> Loud() => app.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();

    private static string Describe(IEnumerable<CapturedLogs.Entry> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name}"));

    [Fact]
    public async Task A_check_in_and_a_door_scan_resent_many_times_at_once_log_no_warning_or_error()
    {
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Masterclass Raum Ruhr", 30);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        app.Logs.Clear();

        var checkIn = new CheckInRequest(await fair.TokenAsync("A-1"), null, Guid.NewGuid(), DateTimeOffset.UtcNow);
        (await kiosk.PostAsJsonAsync("/api/checkins", checkIn, Json.Options)).EnsureSuccessStatusCode();
        var door = new PresenceRequest(null, null, true, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow);
        var resent = await Task.WhenAll(Enumerable.Range(0, 20).SelectMany(_ => new[]
        {
            kiosk.PostAsJsonAsync("/api/checkins", checkIn, Json.Options),
            kiosk.PostAsJsonAsync("/api/presence", door, Json.Options),
        }));

        Assert.All(resent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync(c => c.ClientScanId == checkIn.ClientScanId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.PresenceLog.CountAsync(p => p.ClientScanId == door.ClientScanId)));
        // The unique index did turn resends away (a check-in resend always reaches it), and said so only at Debug.
        var loud = Loud();
        Assert.True(app.Logs.Entries.Any(e => e.EventId.Id == RelationalEventId.CommandError.Id && e.Level == LogLevel.Debug), Describe(loud));
        Assert.True(loud.Count == 0, Describe(loud));
    }

    [Fact]
    public async Task A_database_that_refuses_a_write_is_logged_as_an_error()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        // A constraint that is not a unique index: the database refusing for a reason no retry will fix.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_checkins BEFORE INSERT ON CheckIns BEGIN SELECT RAISE(ABORT, 'refused by test'); END"));
        try
        {
            app.Logs.Clear();
            var response = await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(await fair.TokenAsync("A-2"), null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var errors = app.Logs.Entries.Where(e => e.Level == LogLevel.Error).ToList();
            Assert.True(errors.Any(e => e.Exception is DbUpdateException && e.Category.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal)), Describe(errors));
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_checkins"));
        }
    }
}
