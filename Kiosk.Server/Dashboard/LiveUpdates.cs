using System.Collections.Concurrent;
using Kiosk.Server.Attendees;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Dashboard;

/// <summary>
/// Sends what dashboards show live. Occupancy goes out at once, one message per change (that is what a
/// door needs to be seen within a second). Arrival counts and kiosk states change in bursts, so they
/// are marked and sent at most once per <see cref="Tick"/> per event, with fresh numbers. Each goes to the
/// dashboards watching its event and to those watching every event (<see cref="LiveHub"/>).
/// </summary>
public sealed class LiveUpdates(IHubContext<LiveHub, ILiveClient> hub, IServiceScopeFactory scopes, TimeProvider time, ILogger<LiveUpdates> log) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<int, bool> _arrivals = new();
    private readonly ConcurrentDictionary<int, bool> _terminals = new();
    private readonly ConcurrentDictionary<int, bool> _printBatches = new();

    public Task OccupancyChangedAsync(int eventId, RoomOccupancy room) =>
        Watching(eventId).OccupancyChanged(new OccupancyHint(eventId, room.RoomId, room.Inside, room.Capacity, room.Seq));

    public void ArrivalsChanged(int eventId) => _arrivals[eventId] = true;

    public void TerminalsChanged(int eventId) => _terminals[eventId] = true;

    public void PrintBatchesChanged(int eventId) => _printBatches[eventId] = true;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                foreach (var eventId in Take(_terminals)) await Watching(eventId).TerminalsChanged(new TerminalsHint(eventId), stop);
                foreach (var eventId in Take(_printBatches)) await Watching(eventId).PrintBatchesChanged(new PrintBatchesHint(eventId), stop);
                foreach (var eventId in Take(_arrivals)) await SendArrivalsAsync(eventId, stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(e, "Live update round failed; dashboards catch up with their next snapshot.");
            }
        }
    }

    private async Task SendArrivalsAsync(int eventId, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var registered = db.Attendees.Where(a => a.EventId == eventId && a.Status == AttendeeStatus.Registered);
        var total = await registered.CountAsync(stop);
        var arrived = await registered.CountAsync(a => a.CheckedInAt != null, stop);
        await Watching(eventId).ArrivalsChanged(new ArrivalsHint(eventId, arrived, total), stop);
    }

    private ILiveClient Watching(int eventId) => hub.Clients.Groups(LiveHub.EventGroup(eventId), LiveHub.EveryEventGroup);

    private static List<int> Take(ConcurrentDictionary<int, bool> marks)
    {
        var taken = new List<int>();
        foreach (var key in marks.Keys) if (marks.TryRemove(key, out _)) taken.Add(key);
        return taken;
    }
}
