using System.Net.Sockets;
using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Terminal.Printing;

/// <summary>
/// A printer on TCP (port 9100). One connection is kept open and reopened after errors; status requests
/// go over the same connection, so they follow any job still being sent.
/// </summary>
public sealed class NetworkPrinter(string host, int port, TimeSpan timeout) : IPrinterTransport
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private TcpClient? _client;

    public string Describe => $"tcp://{host}:{port}";
    public bool CanReadStatus => true;

    public async Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            var stream = await ConnectAsync(ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try { await stream.WriteAsync(job, deadline.Token); await stream.FlushAsync(deadline.Token); }
            catch (Exception) { Drop(); throw; }
        }
        finally { _lock.Release(); }
    }

    public async Task<PrinterStatus> ReadStatusAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            NetworkStream stream;
            try { stream = await ConnectAsync(ct); }
            catch (Exception e) when (e is SocketException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return new PrinterStatus(PrinterState.Offline);
            }
            try
            {
                var printer = await AskAsync(stream, StatusKind.Printer, ct);
                var cause = await AskAsync(stream, StatusKind.OfflineCause, ct);
                var paper = await AskAsync(stream, StatusKind.PaperSensor, ct);
                return PrinterStatus.From(printer, cause, paper);
            }
            catch (Exception e) when (e is IOException or SocketException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                Drop();
                return new PrinterStatus(PrinterState.Offline);
            }
        }
        finally { _lock.Release(); }
    }

    private async Task<byte> AskAsync(NetworkStream stream, StatusKind kind, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        await stream.WriteAsync(EscPos.StatusRequest(kind), deadline.Token);
        var answer = new byte[1];
        // Some printers also send automatic status bytes; the answer is the next byte that looks like one.
        while (true)
        {
            if (await stream.ReadAsync(answer, deadline.Token) == 0) throw new IOException("The printer closed the connection.");
            if (PrinterStatus.IsStatusByte(answer[0])) return answer[0];
        }
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken ct)
    {
        if (_client is { Connected: true }) return _client.GetStream();
        Drop();
        var client = new TcpClient { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try { await client.ConnectAsync(host, port, deadline.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            client.Dispose();
            throw new TimeoutException($"No connection to {Describe} within {timeout.TotalMilliseconds} ms.");
        }
        catch { client.Dispose(); throw; }
        _client = client;
        return client.GetStream();
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }

    public ValueTask DisposeAsync()
    {
        Drop();
        return ValueTask.CompletedTask;
    }
}
