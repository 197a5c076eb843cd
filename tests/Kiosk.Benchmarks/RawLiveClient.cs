using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace Kiosk.Benchmarks;

/// <summary>
/// A dashboard as lean as the browser's: SignalR's JSON protocol over a bare WebSocket (negotiate,
/// handshake, messages split at 0x1E). Wall screens run on other machines; here they share the two
/// cores with the server, so the full .NET HubConnection per screen would measure the clients instead.
/// </summary>
public sealed class RawLiveClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();

    public static async Task<RawLiveClient> ConnectAsync(Uri server, string bearer, Action<int, long> occupancyChanged)
    {
        using var http = new HttpClient { BaseAddress = server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var negotiate = await (await http.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null)).Content.ReadFromJsonAsync<JsonElement>();
        var client = new RawLiveClient();
        client._socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
        var ws = new UriBuilder(server) { Scheme = "ws", Path = "/hubs/live", Query = $"id={negotiate.GetProperty("connectionToken").GetString()}" }.Uri;
        await client._socket.ConnectAsync(ws, CancellationToken.None);
        await client._socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        _ = client.ReceiveAsync(occupancyChanged);
        return client;
    }

    private async Task ReceiveAsync(Action<int, long> occupancyChanged)
    {
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (read.MessageType == WebSocketMessageType.Close) return;
                pending.AddRange(buffer.AsSpan(0, read.Count));
                int end;
                while ((end = pending.IndexOf(0x1E)) >= 0)
                {
                    var message = pending.GetRange(0, end).ToArray();
                    pending.RemoveRange(0, end + 1);
                    if (message.Length < 20) continue; // handshake answer "{}", pings
                    using var doc = JsonDocument.Parse(message);
                    if (doc.RootElement.TryGetProperty("target", out var target) && target.GetString() == "occupancyChanged")
                    {
                        var arg = doc.RootElement.GetProperty("arguments")[0];
                        occupancyChanged(arg.GetProperty("roomId").GetInt32(), arg.GetProperty("seq").GetInt64());
                    }
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        catch (WebSocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
    }
}
