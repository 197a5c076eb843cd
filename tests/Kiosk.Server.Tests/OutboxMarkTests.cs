using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;

namespace Kiosk.Server.Tests;

/// <summary>The server's "answered every item up to here" per kiosk, as the heartbeat reports it.</summary>
public class OutboxMarkTests(KioskApp app) : IClassFixture<KioskApp>
{
    private static async Task<HeartbeatAnswer> BeatAsync(HttpClient terminal)
    {
        var response = await terminal.PostAsJsonAsync("/api/terminal/heartbeat", new TerminalHeartbeat("test", 0, "Ready", "lobby"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<HeartbeatAnswer>(Json.Options))!;
    }

    private static async Task CheckInAsync(HttpClient terminal, string token, long seq, long? after)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkins")
        {
            Content = JsonContent.Create(new CheckInRequest(token, null, Guid.NewGuid(), DateTimeOffset.UtcNow), options: Json.Options),
        };
        request.Headers.Add(OutboxMarks.SeqHeader, seq.ToString());
        if (after is { } a) request.Headers.Add(OutboxMarks.AfterHeader, a.ToString());
        (await terminal.SendAsync(request)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_mark_moves_only_over_an_item_whose_predecessor_it_covers_and_refusals_count_as_answered()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var first = await BeatAsync(terminal);
        Assert.Equal(0, first.OutboxMark);
        Assert.NotEqual(Guid.Empty, first.DatabaseGeneration ?? Guid.Empty);

        await CheckInAsync(terminal, await fair.TokenAsync("A-1"), seq: 1, after: 0);
        await CheckInAsync(terminal, "not a badge", seq: 2, after: 1); // refused, not stored: answered all the same
        Assert.Equal(2, (await BeatAsync(terminal)).OutboxMark);

        // Item 3 was answered without the server (lost with its database); 4 and 5 do not move the mark past it.
        await CheckInAsync(terminal, await fair.TokenAsync("A-2"), seq: 4, after: 3);
        await CheckInAsync(terminal, await fair.TokenAsync("A-3"), seq: 5, after: null);
        var behind = await BeatAsync(terminal);
        Assert.Equal(2, behind.OutboxMark);
        Assert.Equal(first.DatabaseGeneration, behind.DatabaseGeneration);

        await CheckInAsync(terminal, await fair.TokenAsync("A-4"), seq: 3, after: 2);
        await CheckInAsync(terminal, await fair.TokenAsync("A-2"), seq: 4, after: 3);
        Assert.Equal(4, (await BeatAsync(terminal)).OutboxMark);
    }
}
