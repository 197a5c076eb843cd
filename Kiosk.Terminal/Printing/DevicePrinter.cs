using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Terminal.Printing;

/// <summary>A printer reached through a file or device path (/dev/usb/lp0, a shared printer path). Write-only: no status.</summary>
public sealed class DevicePrinter(string path) : IPrinterTransport
{
    public string Describe => $"file://{path}";
    public bool CanReadStatus => false;

    public async Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken ct)
    {
        await using var device = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        await device.WriteAsync(job, ct);
        await device.FlushAsync(ct);
    }

    public Task<PrinterStatus> ReadStatusAsync(CancellationToken ct) => Task.FromResult(new PrinterStatus(PrinterState.Unknown));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
