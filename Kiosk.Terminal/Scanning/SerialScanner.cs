using System.Diagnostics;
using Kiosk.Terminal.Ui;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// Reads a barcode scanner in serial mode (Scanner:SerialPort) whatever has the focus on the PC, and hands each
/// whole code to the kiosk page (<see cref="ScannerFeed"/>), which treats it as a keyboard-wedge scan. A scanner
/// unplugged, or not there at start, is looked for again every <see cref="RetryDelay"/> until it is back; staff
/// see "Scanner ✕" meanwhile. Codes are never logged, only their length.
/// </summary>
public sealed class SerialScanner(IOptions<ScannerOptions> options, ScannerFeed feed, ILogger<SerialScanner> log) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var (portName, baudRate) = (options.Value.SerialPort, options.Value.BaudRate);
        if (string.IsNullOrWhiteSpace(portName)) return;
        var outageLogged = false; // the first failure of an outage is logged, not every retry
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var port = new System.IO.Ports.SerialPort(portName, baudRate);
                port.Open();
                feed.SetState(ScannerState.Ready);
                log.LogInformation("Serial scanner on {Port} is open.", portName);
                outageLogged = false;
                await ReadAsync(port, stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                break;
            }
            // Unplugged mid-read (the port closes itself, or reads fail), not there, or held by another program:
            // all mean "not there now". Nothing here may end the loop: the kiosk keeps its scanner.
            catch (Exception e)
            {
                feed.SetState(ScannerState.Unplugged);
                if (!outageLogged) log.LogWarning("Serial scanner on {Port} is gone ({Error}); looking for it every {Seconds} s.", portName, e.GetType().Name, RetryDelay.TotalSeconds);
                outageLogged = true;
            }
            try { await Task.Delay(RetryDelay, stop); }
            catch (OperationCanceledException) { break; }
        }
    }

    private async Task ReadAsync(System.IO.Ports.SerialPort port, CancellationToken stop)
    {
        // Closing the port is what ends a pending read everywhere (Windows does not cancel serial reads).
        using var closeOnStop = stop.Register(port.Dispose);
        var lines = new ScannerLines();
        var buffer = new byte[256];
        var lastRead = Stopwatch.GetTimestamp();
        while (true)
        {
            var read = await port.BaseStream.ReadAsync(buffer, stop);
            if (read == 0) throw new IOException("The serial port reached its end.");
            var (dropped, cut) = (lines.Dropped, lines.Cut);
            foreach (var code in lines.Add(buffer.AsSpan(0, read), Stopwatch.GetElapsedTime(lastRead)))
                feed.Publish(code);
            lastRead = Stopwatch.GetTimestamp();
            if (lines.Dropped > dropped) log.LogInformation("Serial scanner: a half read without its end of line was dropped.");
            if (lines.Cut > cut) log.LogInformation("Serial scanner: a code longer than {Max} characters was cut.", ScannerLines.MaxLength);
        }
    }
}
