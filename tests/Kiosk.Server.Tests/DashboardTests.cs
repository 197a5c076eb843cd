using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Dashboard;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests;

public class DashboardTests(KioskApp app) : IClassFixture<KioskApp>
{
    private static Task<RoomOccupancy> RoomAsync(Fair fair, int capacity) =>
        fair.RoomAsync("Dialoginsel B – Souveräne Cloud", capacity, RoomKind.DialogueIsland);

    /// <summary>A dashboard's connection; without <paramref name="query"/> it names no event, as older dashboards did.</summary>
    private HubConnection Live(HttpClient organizer, string? query = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.BaseAddress, query is null ? LiveHub.Route : $"{LiveHub.Route}?{query}"), o => o.AccessTokenProvider = () => Task.FromResult(organizer.DefaultRequestHeaders.Authorization?.Parameter))
        .Build();

    private HubConnection Live(HttpClient organizer, int eventId) => Live(organizer, $"{LiveHubNames.EventQuery}={eventId}");

    [Fact]
    public async Task A_dashboard_naming_no_event_hears_a_door_scan_and_an_arrival_over_SignalR()
    {
        var fair = await Fair.OpenAsync(app);
        var room = await RoomAsync(fair, 15);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        await using var live = Live(fair.Organizer);
        var occupancy = new TaskCompletionSource<(int RoomId, int Inside, long Seq)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrivals = new TaskCompletionSource<(int EventId, int Arrived)>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.On<OccupancyMessage>("occupancyChanged", m => { if (m.RoomId == room.RoomId) occupancy.TrySetResult((m.RoomId, m.Inside, m.Seq)); });
        live.On<ArrivalsMessage>("arrivalsChanged", m => { if (m.EventId == fair.Event.Id) arrivals.TrySetResult((m.EventId, m.Arrived)); });
        await live.StartAsync();

        await kiosk.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(await fair.TokenAsync("A-1"), null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);

        Assert.Equal((room.RoomId, 1, room.Seq + 1), await occupancy.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal((fair.Event.Id, 1), await arrivals.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Only_organizers_may_watch_live()
    {
        var fair = await Fair.OpenAsync(app);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        await using var live = Live(kiosk);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => live.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await using var ownEvent = Live(kiosk, fair.Event.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<HttpRequestException>(() => ownEvent.StartAsync())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync($"/api/events/{fair.Event.Id}/dashboard")).StatusCode);
    }

    [Fact]
    public async Task A_dashboard_watching_one_event_hears_nothing_of_another()
    {
        var essen = await Fair.OpenAsync(app);
        var bochum = await Fair.OpenAsync(app);
        var essenRoom = await RoomAsync(essen, 15);
        var bochumRoom = await RoomAsync(bochum, 15);
        var (essenKiosk, _) = await app.EnrolTerminalAsync(essen.Organizer, essen.Event.Id);
        var (bochumKiosk, _) = await app.EnrolTerminalAsync(bochum.Organizer, bochum.Event.Id);
        await using var watchingEssen = Live(essen.Organizer, essen.Event.Id);
        await using var watchingEvery = Live(essen.Organizer);
        var heardInEssen = new ConcurrentQueue<(string Hint, int EventId)>();
        var essenHeard = Hints(watchingEssen, essen.Event.Id, heardInEssen);
        var everyHeardBochum = Hints(watchingEvery, bochum.Event.Id, new());
        await watchingEssen.StartAsync();
        await watchingEvery.StartAsync();

        // Bochum's scan, arrival and kiosk first: the connection that named no event hears them...
        await ActAsync(bochum, bochumKiosk, bochumRoom);
        await everyHeardBochum.WaitAsync(TimeSpan.FromSeconds(10));
        // ...and Essen's after: once they reach Essen's dashboard, anything of Bochum's would have come before.
        await ActAsync(essen, essenKiosk, essenRoom);
        await essenHeard.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(heardInEssen, hint => Assert.Equal(essen.Event.Id, hint.EventId));
    }

    [Fact]
    public async Task A_dashboard_naming_something_else_than_an_event_is_closed_with_the_reason()
    {
        var fair = await Fair.OpenAsync(app);
        await using var live = Live(fair.Organizer, $"{LiveHubNames.EventQuery}=essen");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        try { await live.StartAsync(); } catch (Exception e) { closed.TrySetResult(e); }
        Assert.Contains(LiveHubNames.EventQuery, (await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)))?.Message);
    }

    /// <summary>A door scan, a first check-in and a kiosk heartbeat: one of each hint for the event.</summary>
    private static async Task ActAsync(Fair fair, HttpClient kiosk, RoomOccupancy room)
    {
        (await kiosk.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();
        (await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(await fair.TokenAsync("A-1"), null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();
        (await kiosk.PostAsJsonAsync("/api/terminal/heartbeat", new TerminalHeartbeat("1.0.0", 0, "Ready", "lobby"), Json.Options)).EnsureSuccessStatusCode();
    }

    /// <summary>Records every hint the connection hears; completes once it heard all three kinds for <paramref name="eventId"/>.</summary>
    private static Task Hints(HubConnection live, int eventId, ConcurrentQueue<(string Hint, int EventId)> heard)
    {
        var kinds = new ConcurrentDictionary<string, bool>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Heard(string hint, int from)
        {
            heard.Enqueue((hint, from));
            if (from == eventId && kinds.TryAdd(hint, true) && kinds.Count == 3) all.TrySetResult();
        }
        live.On<OccupancyHint>(LiveHubNames.OccupancyChanged, m => Heard(LiveHubNames.OccupancyChanged, m.EventId));
        live.On<ArrivalsHint>(LiveHubNames.ArrivalsChanged, m => Heard(LiveHubNames.ArrivalsChanged, m.EventId));
        live.On<TerminalsHint>(LiveHubNames.TerminalsChanged, m => Heard(LiveHubNames.TerminalsChanged, m.EventId));
        return all.Task;
    }

    [Fact]
    public async Task Snapshot_counts_arrivals_rooms_and_kiosks_and_raises_alerts()
    {
        var fair = await Fair.OpenAsync(app);
        var room = await RoomAsync(fair, 1);
        var (kiosk, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd");
        await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang West (aus)");
        await kiosk.PostAsJsonAsync("/api/terminal/heartbeat", new TerminalHeartbeat("1.0.0", 3, "PaperOut", "lobby"), Json.Options);
        await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(await fair.TokenAsync("A-2"), null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        await kiosk.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);

        var snapshot = await fair.Organizer.GetFromJsonAsync<DashboardSnapshot>($"/api/events/{fair.Event.Id}/dashboard", Json.Options);

        Assert.Equal((4, 1), (snapshot!.Registered, snapshot.Arrived));
        Assert.Equal(1, snapshot.Arrivals.Sum(b => b.Count));
        Assert.Equal((1, 1), (snapshot.Rooms.Single().Inside, snapshot.Rooms.Single().Capacity));
        var sued = snapshot.Terminals.Single(t => t.Id == enrolment.TerminalId);
        Assert.True(sued.Online);
        Assert.Equal((3, "PaperOut"), (sued.Outbox, sued.PrinterState));
        Assert.Contains(snapshot.Alerts, a => a.Kind == "RoomFull" && a.RoomId == room.RoomId);
        Assert.Contains(snapshot.Alerts, a => a.Kind == "PrinterProblem" && a.TerminalId == enrolment.TerminalId);
        Assert.Contains(snapshot.Alerts, a => a.Kind == "KioskOffline");
        Assert.DoesNotContain("Müller", await fair.Organizer.GetStringAsync($"/api/events/{fair.Event.Id}/dashboard"));
    }

    private sealed record OccupancyMessage(int EventId, int RoomId, int Inside, int Capacity, long Seq);
    private sealed record ArrivalsMessage(int EventId, int Arrived, int Registered);
}

public sealed class DashboardRulesTests
{
    [Fact]
    public void Arrivals_fall_into_quarter_hours_with_empty_ones_kept()
    {
        var t = new DateTimeOffset(2026, 6, 16, 7, 0, 0, TimeSpan.Zero);
        var buckets = DashboardRules.Arrivals([t.AddMinutes(1), t.AddMinutes(14), t.AddMinutes(46), new DateTimeOffset(2026, 6, 16, 9, 1, 0, TimeSpan.FromHours(2))]);
        Assert.Equal([(t, 3), (t.AddMinutes(15), 0), (t.AddMinutes(30), 0), (t.AddMinutes(45), 1)], buckets.Select(b => (b.From, b.Count)));
    }

    [Fact]
    public void A_kiosk_is_offline_after_three_missed_heartbeats()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.True(DashboardRules.IsOnline(now.AddSeconds(-44), now));
        Assert.False(DashboardRules.IsOnline(now.AddSeconds(-46), now));
        Assert.False(DashboardRules.IsOnline(null, now));
    }

    [Theory]
    [InlineData(13, 15, null)]
    [InlineData(14, 15, "RoomAlmostFull")]
    [InlineData(15, 15, "RoomFull")]
    [InlineData(16, 15, "RoomFull")]
    public void Rooms_at_ninety_percent_and_full_raise_alerts(int inside, int capacity, string? kind)
    {
        var alerts = DashboardRules.Alerts([new RoomTile(1, "Insel", "DialogueIsland", capacity, inside, 1, null, null)], [], 0);
        Assert.Equal(kind, alerts.SingleOrDefault()?.Kind);
    }
}
