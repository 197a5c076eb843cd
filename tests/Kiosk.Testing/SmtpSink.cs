using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Kiosk.Testing;

/// <summary>
/// A small real SMTP server on a loopback port: enough of RFC 5321 for a client to deliver (EHLO/HELO,
/// MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT; no TLS, no AUTH). It keeps every message
/// it accepted, raw, and can be told to refuse recipients to test retries and bounces.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly List<Refusal> _refusals = [];
    private readonly Task _accepting;

    public sealed record Received(string From, IReadOnlyList<string> Recipients, byte[] Raw)
    {
        public MimeMessage Message() => MimeMessage.Load(new MemoryStream(Raw));
    }

    private sealed class Refusal(string recipientContains, int times, string reply)
    {
        public string RecipientContains { get; } = recipientContains;
        public string Reply { get; } = reply;
        public int Left { get; set; } = times;
    }

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<Received> Messages => [.. _received];

    /// <summary>Messages accepted for a recipient whose address contains the text.</summary>
    public IReadOnlyList<Received> To(string recipientContains) =>
        Messages.Where(m => m.Recipients.Any(r => r.Contains(recipientContains, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Refuses the next <paramref name="times"/> RCPT TO naming a matching recipient, e.g. "451 4.3.0 Try later" or "550 5.1.1 No such user".</summary>
    public void Refuse(string recipientContains, int times, string reply)
    {
        lock (_refusals) _refusals.Add(new Refusal(recipientContains, times, reply));
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new LineReader(stream);
            async Task Reply(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), _stop.Token);

            await Reply("220 sink.test ESMTP ready");
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } bytes)
            {
                var line = Encoding.ASCII.GetString(bytes);
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO": await Reply("250-sink.test\r\n250 HELP"); break;
                    case "HELO": await Reply("250 sink.test"); break;
                    case "MAIL": from = Address(line); recipients.Clear(); await Reply("250 2.1.0 OK"); break;
                    case "RCPT":
                        var to = Address(line);
                        if (RefusalFor(to) is { } refusal) { await Reply(refusal); break; }
                        recipients.Add(to);
                        await Reply("250 2.1.5 OK");
                        break;
                    case "DATA":
                        if (from is null || recipients.Count == 0) { await Reply("503 5.5.1 MAIL and RCPT first"); break; }
                        await Reply("354 End data with <CR><LF>.<CR><LF>");
                        var raw = new MemoryStream();
                        while (await reader.ReadLineAsync(_stop.Token) is { } data)
                        {
                            if (data is [(byte)'.']) break;
                            var unstuffed = data.Length > 0 && data[0] == '.' ? data[1..] : data;
                            raw.Write(unstuffed);
                            raw.Write("\r\n"u8);
                        }
                        _received.Enqueue(new Received(from, [.. recipients], raw.ToArray()));
                        from = null;
                        recipients.Clear();
                        await Reply("250 2.0.0 Queued");
                        break;
                    case "RSET": from = null; recipients.Clear(); await Reply("250 2.0.0 OK"); break;
                    case "NOOP": await Reply("250 2.0.0 OK"); break;
                    case "QUIT": await Reply("221 2.0.0 Bye"); return;
                    default: await Reply("502 5.5.2 Command not implemented"); break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private string? RefusalFor(string recipient)
    {
        lock (_refusals)
        {
            var refusal = _refusals.FirstOrDefault(r => r.Left > 0 && recipient.Contains(r.RecipientContains, StringComparison.OrdinalIgnoreCase));
            if (refusal is null) return null;
            refusal.Left--;
            return refusal.Reply;
        }
    }

    /// <summary>The address between angle brackets of "MAIL FROM:&lt;a@b&gt; SIZE=…".</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<');
        var end = line.IndexOf('>', start + 1);
        return start >= 0 && end > start ? line[(start + 1)..end] : line.Split(':', 2).ElementAtOrDefault(1)?.Trim() ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    /// <summary>Reads CRLF-terminated lines as bytes (message data may be 8-bit), without the line ending.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start, _end;

        public async Task<byte[]?> ReadLineAsync(CancellationToken ct)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, ct);
                    if (_end == 0) return null;
                }
                var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (lf < 0) { line.Write(_buffer, _start, _end - _start); _start = _end; continue; }
                line.Write(_buffer, _start, lf - _start);
                _start = lf + 1;
                var bytes = line.ToArray();
                return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
            }
        }
    }
}
