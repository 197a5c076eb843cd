using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;

namespace Kiosk.Server.Tests;

/// <summary>
/// The hubs' method names are a public contract (README): read off the wire by a bare WebSocket client, as
/// other dashboards and kiosks would see them, not through the names the server and our clients share.
/// </summary>
public sealed class HubWireNamesTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task The_live_hub_sends_occupancyChanged_arrivalsChanged_terminalsChanged_and_printBatchesChanged()
    {
        var fair = await Fair.OpenAsync(app);
        var room = await fair.RoomAsync("Dialoginsel A – Digitale Verwaltung", 10, RoomKind.DialogueIsland);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        await using var live = await WireClient.ConnectAsync(app.BaseAddress, "/hubs/live", $"eventId={fair.Event.Id}", Bearer(fair.Organizer));

        (await kiosk.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, room.RoomId, PresenceDirection.In, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();
        var occupancy = await live.NextAsync("occupancyChanged");
        Assert.Equal(["eventId", "roomId", "inside", "capacity", "seq"], occupancy.EnumerateObject().Select(p => p.Name));
        Assert.Equal((fair.Event.Id, room.RoomId, 1, 10), (occupancy.GetProperty("eventId").GetInt32(), occupancy.GetProperty("roomId").GetInt32(), occupancy.GetProperty("inside").GetInt32(), occupancy.GetProperty("capacity").GetInt32()));

        (await kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(await fair.TokenAsync("A-1"), null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options)).EnsureSuccessStatusCode();
        var arrivals = await live.NextAsync("arrivalsChanged");
        Assert.Equal(["eventId", "arrived", "registered"], arrivals.EnumerateObject().Select(p => p.Name));
        Assert.Equal((fair.Event.Id, 1), (arrivals.GetProperty("eventId").GetInt32(), arrivals.GetProperty("arrived").GetInt32()));

        (await kiosk.PostAsJsonAsync("/api/terminal/heartbeat", new TerminalHeartbeat("1.0.0", 0, "Ready", "lobby"), Json.Options)).EnsureSuccessStatusCode();
        var terminals = await live.NextAsync("terminalsChanged");
        Assert.Equal(fair.Event.Id, Assert.Single(terminals.EnumerateObject()).Value.GetInt32());

        var terminalId = (await fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Terminals.TerminalResponse>>($"/api/events/{fair.Event.Id}/terminals", Json.Options))!.Single().Id;
        (await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/print-batches",
            new Kiosk.Server.Desk.PrintBatchRequest(terminalId, Kiosk.Shared.Badges.AttendeeCategory.Press), Json.Options)).EnsureSuccessStatusCode();
        var batches = await live.NextAsync("printBatchesChanged");
        Assert.Equal(("eventId", fair.Event.Id), (Assert.Single(batches.EnumerateObject()).Name, batches.GetProperty("eventId").GetInt32()));
    }

    [Fact]
    public async Task The_terminal_hub_sends_rosterChanged_profileChanged_and_reprintOrdered_and_answers_Heartbeat()
    {
        var fair = await Fair.OpenAsync(app);
        var (_, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        await using var hub = await WireClient.ConnectAsync(app.BaseAddress, "/hubs/terminal", null, enrolment.TerminalKey);

        var answer = await hub.InvokeAsync("Heartbeat", new TerminalHeartbeat("1.2.3", 0, "Ready", "lobby"));
        Assert.True(answer.TryGetProperty("rosterSeq", out _));

        await fair.ImportAsync(Fair.Roster.Replace("WAZ", "WAZ Essen"));
        Assert.Equal(JsonValueKind.Number, (await hub.NextAsync("rosterChanged")).ValueKind);

        (await fair.Organizer.PatchAsJsonAsync($"/api/events/{fair.Event.Id}/settings", new { selfServiceReprint = true })).EnsureSuccessStatusCode();
        await hub.NextAsync("profileChanged");

        var anna = await fair.AttendeeAsync("A-1");
        (await fair.Organizer.PostAsJsonAsync($"/api/attendees/{anna.Id}/reprints", new { terminalId = enrolment.TerminalId, reason = "Papierstau" })).EnsureSuccessStatusCode();
        await hub.NextAsync("reprintOrdered");
    }

    [Fact]
    public void The_shared_names_are_the_ones_on_the_wire()
    {
        Assert.Equal(("/hubs/live", "eventId"), (LiveHubNames.Route, LiveHubNames.EventQuery));
        Assert.Equal(["occupancyChanged", "arrivalsChanged", "terminalsChanged", "printBatchesChanged"], WireNames<ILiveClient>());
        Assert.Equal(["rosterChanged", "profileChanged", "reprintOrdered"], WireNames<ITerminalClient>());
        Assert.Equal(("/hubs/terminal", "Heartbeat"), (TerminalHubNames.Route, TerminalHubNames.Heartbeat));
    }

    private static IEnumerable<string?> WireNames<T>() => typeof(T).GetMethods()
        .Select(m => m.GetCustomAttributes(typeof(Microsoft.AspNetCore.SignalR.HubMethodNameAttribute), false).Cast<Microsoft.AspNetCore.SignalR.HubMethodNameAttribute>().SingleOrDefault()?.Name);

    private static string Bearer(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    /// <summary>SignalR's JSON protocol over a bare WebSocket: negotiate, handshake, records split at 0x1E.</summary>
    private sealed class WireClient : IAsyncDisposable
    {
        private const char RecordSeparator = '\u001e';
        private readonly ClientWebSocket _socket = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
        private int _invocations;

        public static async Task<WireClient> ConnectAsync(Uri server, string hub, string? query, string bearer)
        {
            using var http = new HttpClient { BaseAddress = server };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            var extra = query is null ? "" : $"&{query}";
            using var negotiated = await http.PostAsync($"{hub}/negotiate?negotiateVersion=1{extra}", null);
            negotiated.EnsureSuccessStatusCode();
            var token = (await negotiated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();
            var client = new WireClient();
            client._socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
            await client._socket.ConnectAsync(new UriBuilder(server) { Scheme = "ws", Path = hub, Query = $"id={token}{extra}" }.Uri, CancellationToken.None);
            await client.SendAsync(new { protocol = "json", version = 1 });
            _ = client.ReceiveAsync();
            var handshake = await client.ReadAsync();
            Assert.False(handshake.TryGetProperty("error", out _), handshake.ToString());
            return client;
        }

        /// <summary>The first argument of the next invocation of <paramref name="target"/>, exactly so spelled (others are skipped).</summary>
        public async Task<JsonElement> NextAsync(string target)
        {
            while (true)
            {
                var message = await ReadAsync();
                if (message.GetProperty("type").GetInt32() == 1 && message.GetProperty("target").GetString() == target)
                    return message.GetProperty("arguments").EnumerateArray().FirstOrDefault();
            }
        }

        public async Task<JsonElement> InvokeAsync(string target, object argument)
        {
            var id = Interlocked.Increment(ref _invocations).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await SendAsync(new { type = 1, invocationId = id, target, arguments = new[] { argument } });
            while (true)
            {
                var message = await ReadAsync();
                if (message.GetProperty("type").GetInt32() != 3 || message.GetProperty("invocationId").GetString() != id) continue;
                Assert.False(message.TryGetProperty("error", out var error), error.ToString());
                return message.GetProperty("result");
            }
        }

        private async Task<JsonElement> ReadAsync() =>
            await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        private Task SendAsync(object message) => _socket.SendAsync(
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message, Json.Options) + RecordSeparator), WebSocketMessageType.Text, true, _stop.Token);

        private async Task ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            var utf8 = Encoding.UTF8.GetDecoder(); // a character may straddle two reads
            var pending = new StringBuilder();
            try
            {
                while (true)
                {
                    var read = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (read.MessageType == WebSocketMessageType.Close) break;
                    pending.Append(chars, 0, utf8.GetChars(buffer, 0, read.Count, chars, 0));
                    var text = pending.ToString();
                    var end = text.LastIndexOf(RecordSeparator);
                    if (end < 0) continue;
                    foreach (var record in text[..end].Split(RecordSeparator))
                        using (var doc = JsonDocument.Parse(record)) _received.Writer.TryWrite(doc.RootElement.Clone());
                    pending.Clear().Append(text[(end + 1)..]);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
            catch (WebSocketException) { }
            finally { _received.Writer.TryComplete(); }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _socket.Dispose();
            _stop.Dispose();
        }
    }
}
