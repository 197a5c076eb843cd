using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Terminal.Printing;

/// <summary>
/// No printer at all: each job is kept as a .bin file in the data folder's "prints" folder, next to the
/// SVG picture <see cref="PrintQueue"/> writes, so a demo or a test shows the badge. Always ready.
/// </summary>
public sealed class VirtualPrinter(string folder) : IPrinterTransport
{
    public string Folder { get; } = Directory.CreateDirectory(folder).FullName;
    public string Describe => $"virtual:{Folder}";
    public bool CanReadStatus => true;

    /// <summary>The job id of the next <see cref="SendAsync"/>, so its files share the job's name.</summary>
    public long NextJobId { get; set; }

    public Task SendAsync(ReadOnlyMemory<byte> job, CancellationToken ct) =>
        File.WriteAllBytesAsync(Path.Combine(Folder, $"{NextJobId}.bin"), job.ToArray(), ct);

    public Task<PrinterStatus> ReadStatusAsync(CancellationToken ct) => Task.FromResult(PrinterStatus.Ready);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
