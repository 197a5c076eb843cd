using System.Collections.Concurrent;
using System.Net.Http.Json;
using Hangfire;
using Kiosk.Server.Dashboard;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests;

/// <summary>Two server instances on one PostgreSQL, one Redis backplane and one Hangfire storage.</summary>
public sealed class ScaleOutTests(TwoServers servers) : IClassFixture<TwoServers>
{
    [Fact]
    public async Task A_dashboard_on_one_instance_hears_scans_posted_to_the_other()
    {
        servers.Require();
        var fair = await Fair.OpenAsync(servers.A);
        var room = await fair.RoomAsync("Masterclass Emscher", 20);
        // The kiosk talks to instance B (the reverse proxy chose it); its key and the badge were made on A.
        var (kioskOnA, _) = await servers.A.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        using var kioskOnB = servers.B.WithBearer(kioskOnA.DefaultRequestHeaders.Authorization!.Parameter!);

        // The dashboard names its event, as the page does: its group's messages cross the backplane.
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(servers.A.BaseAddress, $"{LiveHub.Route}?{LiveHubNames.EventQuery}={fair.Event.Id}"), o => o.AccessTokenProvider = () => Task.FromResult(fair.Organizer.DefaultRequestHeaders.Authorization?.Parameter))
            .Build();
        var occupancy = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrivals = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.On<OccupancyMessage>("occupancyChanged", m => { if (m.RoomId == room.RoomId) occupancy.TrySetResult(m.Inside); });
        live.On<ArrivalsMessage>("arrivalsChanged", m => { if (m.EventId == fair.Event.Id) arrivals.TrySetResult(m.Arrived); });
        await live.StartAsync();

        var checkIn = await kioskOnB.PostAsJsonAsync("/api/checkins", new CheckInRequest(await fair.TokenAsync("A-1"), null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        Assert.Equal(CheckInOutcome.FirstCheckIn, (await checkIn.Content.ReadFromJsonAsync<CheckInResponse>(Json.Options))!.Outcome);
        (await kioskOnB.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();

        Assert.Equal(1, await occupancy.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await arrivals.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_recurring_job_runs_once_per_schedule_not_once_per_instance()
    {
        servers.Require();
        var id = $"probe-{Guid.NewGuid():N}";
        // Both instances register it at start-up, as every instance registers its recurring work.
        foreach (var server in new[] { servers.A, servers.B })
            server.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate(id, () => RecurringProbe.Tick(id), Cron.Minutely());

        // Two occurrences: by the second, both instances' schedulers have long passed the first.
        await Eventually.Async(() => Task.FromResult(RecurringProbe.Runs(id).Count), n => n >= 2, "two scheduled runs", seconds: 150);
        var minutes = RecurringProbe.Runs(id).Select(at => new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Utc)).ToList();
        Assert.Equal(minutes.Distinct().Count(), minutes.Count);
    }
}

internal sealed record OccupancyMessage(int EventId, int RoomId, int Inside, int Capacity, long Seq);
internal sealed record ArrivalsMessage(int EventId, int Arrived, int Registered);

public static class RecurringProbe
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<DateTime>> RunsById = new();

    public static void Tick(string id) => RunsById.GetOrAdd(id, _ => new()).Enqueue(DateTime.UtcNow);

    public static IReadOnlyList<DateTime> Runs(string id) => RunsById.TryGetValue(id, out var q) ? [.. q] : [];
}
