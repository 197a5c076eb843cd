using System.IO.Ports;
using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Terminal.Printing;

/// <summary>A printer on a serial port (COM3, /dev/ttyUSB0); two-way, so its status can be read.</summary>
public sealed class SerialPrinter(string portName, int baudRate, TimeSpan timeout) : IPrinterTransport
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private SerialPort? _port;

    public string Describe => $"serial://{portName}@{baudRate}";
    public bool CanReadStatus => true;

    public async Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            var port = Open();
            try { await port.BaseStream.WriteAsync(job, ct); await port.BaseStream.FlushAsync(ct); }
            catch (Exception) { Close(); throw; }
        }
        finally { _lock.Release(); }
    }

    public async Task<PrinterStatus> ReadStatusAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            var port = Open();
            port.DiscardInBuffer();
            byte Ask(StatusKind kind)
            {
                port.Write(EscPos.StatusRequest(kind), 0, 3);
                while (true)
                {
                    var b = port.ReadByte(); // throws TimeoutException after ReadTimeout
                    if (b < 0) throw new IOException("The serial port closed.");
                    if (PrinterStatus.IsStatusByte((byte)b)) return (byte)b;
                }
            }
            return PrinterStatus.From(Ask(StatusKind.Printer), Ask(StatusKind.OfflineCause), Ask(StatusKind.PaperSensor));
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException or InvalidOperationException)
        {
            Close();
            return new PrinterStatus(PrinterState.Offline);
        }
        finally { _lock.Release(); }
    }

    private SerialPort Open()
    {
        if (_port is { IsOpen: true }) return _port;
        Close();
        var port = new SerialPort(portName, baudRate) { ReadTimeout = (int)timeout.TotalMilliseconds, WriteTimeout = (int)timeout.TotalMilliseconds, Handshake = Handshake.RequestToSend };
        port.Open();
        return _port = port;
    }

    private void Close()
    {
        _port?.Dispose();
        _port = null;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
