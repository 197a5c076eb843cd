using System.Net.Http.Headers;
using Kiosk.Server.Auth;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Server.Rooms;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Demo;

/// <summary>
/// A simulated fair morning for the demo (Demo:Traffic): three simulated kiosks send arrivals, master class
/// door scans and dialogue island counts to this server's own HTTP API, exactly as real kiosks do, so the
/// dashboard, the help desk and the reports show a fair in progress. The first minutes of the morning are
/// uploaded as if from an outbox after an outage (scan times in the past); then it goes on live.
/// </summary>
public sealed class DemoTraffic(
    IServiceScopeFactory scopes, IServer server, IHostApplicationLifetime lifetime, TimeProvider time, IOptions<DemoOptions> options, ILogger<DemoTraffic> log) : BackgroundService
{
    public const int EarlierArrivals = 350;
    private readonly Random _random = new(2026);
    private readonly HashSet<int> _inClass = [];

    private sealed record SimulatedKiosk(HttpClient Http, string Mode);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!(options.Value.Seed && options.Value.Traffic)) return;
        try { await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted); } catch (OperationCanceledException) { }
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || stop.IsCancellationRequested) return;
        var baseAddress = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));

        int eventId;
        List<(int Id, RoomKind Kind, int Capacity)> rooms;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
            eventId = await db.Events.Where(e => e.Name == DemoEvent.Name).Select(e => e.Id).SingleAsync(stop);
            rooms = (await db.Rooms.Where(r => r.EventId == eventId).OrderBy(r => r.Id).Select(r => new { r.Id, r.Kind, r.Capacity }).ToListAsync(stop))
                .Select(r => (r.Id, r.Kind, r.Capacity)).ToList();
        }
        var lobby = await KioskAsync(baseAddress, eventId, "Eingang Süd (simuliert)", TerminalModes.Lobby, stop);
        var doors = await KioskAsync(baseAddress, eventId, "Türen Masterclass (simuliert)", TerminalModes.RoomToggle, stop);
        var islands = await KioskAsync(baseAddress, eventId, "Dialoginseln (simuliert)", TerminalModes.RoomToggle, stop);
        var kiosks = new[] { lobby, doors, islands };
        log.LogInformation("Demo traffic: simulated kiosks send arrivals and door scans to {Server}.", baseAddress);

        var classRooms = rooms.Where(r => r.Kind == RoomKind.MasterClassRoom).Select(r => r.Id).ToArray();
        var islandRooms = rooms.Where(r => r.Kind == RoomKind.DialogueIsland).Select(r => (r.Id, r.Capacity)).ToArray();
        var islandCounts = islandRooms.ToDictionary(r => r.Id, _ => 0);
        try
        {
            // The kiosks show as online on the dashboard at once, not after the morning so far is uploaded.
            foreach (var k in kiosks) await HeartbeatAsync(k, stop);
            await EarlierMorningAsync(lobby, eventId, stop);
            var tick = 1;
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (tick++ % 15 == 0) foreach (var k in kiosks) await HeartbeatAsync(k, stop);
                    if (_random.Next(2) == 0) await ArriveAsync(lobby, eventId, time.GetUtcNow(), stop);
                    if (classRooms.Length > 0 && _random.Next(3) > 0) await DoorAsync(doors, eventId, classRooms, stop);
                    if (islandRooms.Length > 0 && _random.Next(3) == 0)
                    {
                        var (room, capacity) = islandRooms[_random.Next(islandRooms.Length)];
                        var direction = islandCounts[room] >= capacity * 3 / 4 || (islandCounts[room] > 0 && _random.Next(5) < 2) ? PresenceDirection.Out : PresenceDirection.In;
                        islandCounts[room] += direction == PresenceDirection.In ? 1 : -1;
                        await PresenceAsync(islands, new PresenceRequest(null, null, true, room, direction, Guid.NewGuid(), time.GetUtcNow()), stop);
                    }
                }
                catch (HttpRequestException e) { log.LogDebug("Demo traffic: {Error}", e.Message); }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally { foreach (var k in kiosks) k.Http.Dispose(); }
    }

    /// <summary>The morning so far: arrivals spread over the last 100 minutes, uploaded now with their scan times.</summary>
    private async Task EarlierMorningAsync(SimulatedKiosk lobby, int eventId, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var arrived = await db.Attendees.CountAsync(a => a.EventId == eventId && a.CheckedInAt != null, stop);
        var now = time.GetUtcNow();
        for (var i = arrived; i < EarlierArrivals; i++)
            await ArriveAsync(lobby, eventId, now - TimeSpan.FromMinutes(100 * (1 - (double)i / EarlierArrivals)), stop);
    }

    private async Task ArriveAsync(SimulatedKiosk lobby, int eventId, DateTimeOffset scannedAt, CancellationToken stop)
    {
        if (await AttendeeAsync(eventId, checkedIn: false, stop) is not { } attendee || await TokenAsync(attendee, stop) is not { } token) return;
        using var response = await lobby.Http.PostAsJsonAsync("/api/checkins", new CheckInRequest(token, null, Guid.NewGuid(), scannedAt, BadgePrinted: true), stop);
    }

    /// <summary>Someone who has arrived walks into a master class; now and then someone inside leaves.</summary>
    private async Task DoorAsync(SimulatedKiosk doors, int eventId, int[] classRooms, CancellationToken stop)
    {
        var leaving = _inClass.Count > 0 && _random.Next(4) == 0;
        int attendee;
        if (leaving) attendee = _inClass.ElementAt(_random.Next(_inClass.Count));
        else if (await AttendeeAsync(eventId, checkedIn: true, stop) is { } id) attendee = id;
        else return;
        var room = classRooms[attendee % classRooms.Length];
        if (await TokenAsync(attendee, stop) is not { } token) return;
        var request = new PresenceRequest(token, null, false, room, leaving ? PresenceDirection.Out : PresenceDirection.In, Guid.NewGuid(), time.GetUtcNow());
        var answer = await PresenceAsync(doors, request, stop);
        if (answer?.Decision == PresenceDecision.Admitted) _inClass.Add(attendee);
        else if (leaving) _inClass.Remove(attendee);
    }

    private static async Task<PresenceResponse?> PresenceAsync(SimulatedKiosk kiosk, PresenceRequest request, CancellationToken stop)
    {
        using var response = await kiosk.Http.PostAsJsonAsync("/api/presence", request, stop);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<PresenceResponse>(stop) : null;
    }

    private static async Task HeartbeatAsync(SimulatedKiosk kiosk, CancellationToken stop)
    {
        using var response = await kiosk.Http.PostAsJsonAsync("/api/terminal/heartbeat",
            new TerminalHeartbeat(Kiosk.Shared.ProductVersion.Current, 0, nameof(Kiosk.Shared.Printing.EscPos.PrinterState.Ready), kiosk.Mode), stop);
    }

    private async Task<int?> AttendeeAsync(int eventId, bool checkedIn, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var people = db.Attendees.Where(a => a.EventId == eventId && a.Status == Attendees.AttendeeStatus.Registered && (a.CheckedInAt != null) == checkedIn);
        var count = await people.CountAsync(stop);
        return count == 0 ? null : await people.OrderBy(a => a.Id).Skip(_random.Next(count)).Select(a => (int?)a.Id).FirstAsync(stop);
    }

    /// <summary>The attendee's signed badge token, as their confirmation mail and printed badge carry it.</summary>
    private async Task<string?> TokenAsync(int id, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var row = await db.Attendees.Where(a => a.Id == id).Select(a => new { a.Badge, a.Category, Event = db.Events.Single(e => e.Id == a.EventId) }).SingleAsync(stop);
        return row.Badge is null ? null : await scope.ServiceProvider.GetRequiredService<BadgeKeys>().SignAsync(row.Event, row.Badge, row.Category, stop);
    }

    /// <summary>A simulated kiosk of the demo event, with a new key at every start (the old one is replaced).</summary>
    private async Task<SimulatedKiosk> KioskAsync(Uri server, int eventId, string name, string mode, CancellationToken stop)
    {
        var key = Secrets.New(Secrets.TerminalKeyPrefix);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
            var terminal = await db.Terminals.FirstOrDefaultAsync(t => t.EventId == eventId && t.Name == name, stop);
            if (terminal is null) db.Terminals.Add(terminal = new Terminal { EventId = eventId, Name = name, CreatedAt = time.GetUtcNow() });
            terminal.KeyHash = Secrets.Hash(key);
            terminal.EnrolledAt ??= time.GetUtcNow();
            terminal.RevokedAt = null;
            await db.SaveChangesAsync(stop);
        }
        var http = new HttpClient { BaseAddress = server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new SimulatedKiosk(http, mode);
    }
}
