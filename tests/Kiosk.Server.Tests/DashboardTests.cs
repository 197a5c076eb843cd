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

    private HubConnection Live(HttpClient organizer) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.BaseAddress, LiveHub.Route), o => o.AccessTokenProvider = () => Task.FromResult(organizer.DefaultRequestHeaders.Authorization?.Parameter))
        .Build();

    [Fact]
    public async Task A_dashboard_hears_a_door_scan_and_an_arrival_over_SignalR()
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
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync($"/api/events/{fair.Event.Id}/dashboard")).StatusCode);
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
