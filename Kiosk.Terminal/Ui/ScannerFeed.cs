using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Kiosk.Terminal.Scanning;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Ui;

/// <summary>The serial scanner as staff see it: not configured, port open, or configured but not there.</summary>
public enum ScannerState
{
    Off,
    Ready,
    Unplugged,
}

/// <summary>What the page hears on <c>GET /local/scanner</c>: the scanner's state, or a code it read.</summary>
public sealed record ScannerMessage(ScannerState? State = null, string? Text = null);

/// <summary>
/// The push channel from the host to the kiosk page for codes the host read from a serial scanner. The page
/// posts each code back to <c>POST /local/scan</c> exactly as a keyboard-wedge scan, so both go one way: its
/// screen rules, its language, the flow a scan replaces, the duplicate-read rule and the answer. A code read while
/// no page listens is dropped (and logged without its text): a scan nobody sees answered would be scanned again.
/// </summary>
public sealed class ScannerFeed(IOptions<ScannerOptions> options, ILogger<ScannerFeed> log)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<ScannerMessage>> _pages = [];
    private ScannerState _state = string.IsNullOrWhiteSpace(options.Value.SerialPort) ? ScannerState.Off : ScannerState.Unplugged;

    public ScannerState State
    {
        get { lock (_gate) return _state; }
    }

    /// <summary>Pages listening now.</summary>
    public int Pages
    {
        get { lock (_gate) return _pages.Count; }
    }

    public void SetState(ScannerState state)
    {
        lock (_gate)
        {
            if (_state == state) return;
            _state = state;
            foreach (var page in _pages) page.Writer.TryWrite(new ScannerMessage(state));
        }
    }

    /// <summary>Hands a code to every listening page; false when none listens.</summary>
    public bool Publish(string code)
    {
        lock (_gate)
        {
            foreach (var page in _pages) page.Writer.TryWrite(new ScannerMessage(Text: code));
            if (_pages.Count > 0) return true;
        }
        log.LogWarning("A code from the serial scanner was dropped ({Length} characters): no kiosk page is listening.", code.Length);
        return false;
    }

    /// <summary>The scanner's state now, then every change and code until the page goes or the host stops.</summary>
    public async IAsyncEnumerable<SseItem<ScannerMessage>> ListenAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<ScannerMessage>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            channel.Writer.TryWrite(new ScannerMessage(_state));
            _pages.Add(channel);
        }
        try
        {
            // The first event also tells the browser to reconnect after a second, not its default three.
            var first = true;
            while (await MoreAsync(channel.Reader, ct))
                while (channel.Reader.TryRead(out var message))
                {
                    yield return new SseItem<ScannerMessage>(message, message.Text is null ? "state" : "code")
                    {
                        ReconnectionInterval = first ? TimeSpan.FromSeconds(1) : null,
                    };
                    first = false;
                }
        }
        finally
        {
            lock (_gate) _pages.Remove(channel);
        }
    }

    // The page going away or the host stopping ends the stream quietly, not as a failed request.
    private static async Task<bool> MoreAsync(ChannelReader<ScannerMessage> reader, CancellationToken ct)
    {
        try { return await reader.WaitToReadAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    public static void MapScannerFeed(IEndpointRouteBuilder app) =>
        app.MapGet("/local/scanner", (ScannerFeed feed, IHostApplicationLifetime host, HttpContext http) =>
        {
            // Without a serial scanner the first event says Off, and the page closes the stream.
            var ct = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, host.ApplicationStopping);
            http.Response.RegisterForDispose(ct);
            return TypedResults.ServerSentEvents(feed.ListenAsync(ct.Token));
        });
}
