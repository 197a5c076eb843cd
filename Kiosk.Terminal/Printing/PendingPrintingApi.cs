// TEMPORARY: stands in for the printing branch until it is merged.
namespace Kiosk.Shared.Printing.EscPos
{
    public enum PrinterState { Ready, PaperOut, CoverOpen, Offline, Unknown }
    public sealed record PrinterStatus(PrinterState State)
    {
        public static PrinterStatus Ready { get; } = new(PrinterState.Ready);
    }
}

namespace Kiosk.Terminal.Printing
{
    using Kiosk.Shared.Printing.EscPos;
    public interface IPrinterTransport : IAsyncDisposable
    {
        string Describe { get; }
        bool CanReadStatus { get; }
        Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken ct);
        Task<PrinterStatus> ReadStatusAsync(CancellationToken ct);
    }
}

namespace Kiosk.Terminal.Printing
{
    using Kiosk.Shared.Printing.EscPos;
    public sealed class StandInPrinter(string folder) : IPrinterTransport
    {
        public string Describe => "virtual";
        public bool CanReadStatus => false;
        public Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken ct)
        {
            Directory.CreateDirectory(folder);
            return File.WriteAllBytesAsync(Path.Combine(folder, $"{DateTime.UtcNow.Ticks}.bin"), job.ToArray(), ct);
        }
        public Task<PrinterStatus> ReadStatusAsync(CancellationToken ct) => Task.FromResult(PrinterStatus.Ready);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
