using System.Net;
using System.Net.Sockets;

namespace Kiosk.Testing;

/// <summary>What the <see cref="FaultProxy"/> does to traffic, from the next chunk of bytes on.</summary>
public enum Fault
{
    /// <summary>Bytes flow both ways.</summary>
    Pass,
    /// <summary>Bytes flow, each chunk held back by <see cref="FaultProxy.Delay"/> (a slow, congested link).</summary>
    Delay,
    /// <summary>Connections are accepted but nothing goes through, nothing comes back (Wi-Fi gone, no RST).</summary>
    Blackhole,
    /// <summary>Open connections and new ones are reset at once (RST).</summary>
    Reset,
    /// <summary>Requests pass until <see cref="FaultProxy.CloseAfterBytes"/> bytes, then both sides are closed mid-message.</summary>
    CloseAfterBytes,
    /// <summary>Requests reach the server in full; its answers are swallowed and the client's connection is closed (the server committed, the client never knows).</summary>
    DropResponse,
}

/// <summary>
/// A TCP proxy on loopback that a test can switch between faults while traffic runs: between a terminal
/// and the server, or between a terminal and its printer. Counts what it forwarded and what it swallowed.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Socket> _open = [];
    private volatile Fault _fault = Fault.Pass;
    private long _droppedResponses;
    private long _refused;

    public FaultProxy(int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        _listener.Start();
        _ = AcceptAsync();
    }

    public FaultProxy(Uri target) : this(target.Port) { }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public Uri Address => new($"http://127.0.0.1:{Port}");
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(200);
    public int CloseAfterBytes { get; set; } = 64;

    /// <summary>Responses swallowed in <see cref="Fault.DropResponse"/> mode.</summary>
    public long DroppedResponses => Interlocked.Read(ref _droppedResponses);

    /// <summary>Connections reset in <see cref="Fault.Reset"/> mode: a test waits for one to know a client really tried.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public Fault Mode
    {
        get => _fault;
        set
        {
            _fault = value;
            if (value == Fault.Reset) ResetAll();
        }
    }

    private void ResetAll()
    {
        lock (_open)
        {
            foreach (var socket in _open) Abort(socket);
            _open.Clear();
        }
    }

    private static void Abort(Socket socket)
    {
        try { socket.LingerState = new LingerOption(true, 0); socket.Close(0); } catch (Exception) { }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception) { return; }
            if (_fault == Fault.Reset) { Interlocked.Increment(ref _refused); Abort(client); continue; }
            _ = ConnectionAsync(client);
        }
    }

    private async Task ConnectionAsync(Socket client)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (_open) { _open.Add(client); _open.Add(upstream); }
        try
        {
            await upstream.ConnectAsync(_target, _stop.Token);
            var requests = PumpAsync(client, upstream, toServer: true);
            var responses = PumpAsync(upstream, client, toServer: false);
            await Task.WhenAny(requests, responses);
        }
        catch (Exception) { }
        finally
        {
            lock (_open) { _open.Remove(client); _open.Remove(upstream); }
            Abort(client);
            Abort(upstream);
        }

        async Task PumpAsync(Socket from, Socket to, bool toServer)
        {
            var buffer = new byte[16 * 1024];
            long forwarded = 0;
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0) { to.Shutdown(SocketShutdown.Send); return; }
                switch (_fault)
                {
                    case Fault.Blackhole:
                        continue; // swallowed; the other side waits for its own timeout
                    case Fault.Reset:
                        return;
                    case Fault.Delay:
                        await Task.Delay(Delay, _stop.Token);
                        break;
                    case Fault.CloseAfterBytes when toServer:
                        var room = (int)Math.Max(0, CloseAfterBytes - forwarded);
                        if (room > 0) await to.SendAsync(buffer.AsMemory(0, Math.Min(room, read)), SocketFlags.None, _stop.Token);
                        forwarded += Math.Min(room, read);
                        if (forwarded >= CloseAfterBytes) return;
                        continue;
                    case Fault.DropResponse when !toServer:
                        Interlocked.Increment(ref _droppedResponses);
                        return; // the answer is lost and the client's connection goes with it
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                forwarded += read;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        ResetAll();
        _stop.Dispose();
    }
}
