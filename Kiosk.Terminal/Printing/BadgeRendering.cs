using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Printing;

/// <summary>
/// Turns a badge job into printer bytes, and for the virtual printer also into the SVG picture the screen shows;
/// lines the printer's code page cannot hold are pictures in both (<see cref="TextPictures"/>).
/// </summary>
public sealed class BadgeRendering(IPrinterTransport printer, IOptions<PrinterOptions> options, TextPictures pictures)
{
    public ReadOnlyMemory<byte> Render(PrintJob job)
    {
        var layout = pictures.Apply(BadgeLayout.For(job.Badge, options.Value.Columns));
        if (printer is VirtualPrinter virtualPrinter)
        {
            virtualPrinter.NextJobId = job.Id;
            File.WriteAllText(Path.Combine(virtualPrinter.Folder, $"{job.Id}.svg"), BadgeSvg.Render(layout));
        }
        return BadgeEscPos.Encode(layout, options.Value.QrMode);
    }

    /// <summary>The picture of a badge not printed yet (held for its preview), drawn for any printer and never written to disk.</summary>
    public string PreviewSvg(BadgePrint badge) => BadgeSvg.Render(pictures.Apply(BadgeLayout.For(badge, options.Value.Columns)));

    /// <summary>Where the screen finds the picture of a job; only the virtual printer draws one.</summary>
    public string? PreviewPath(long jobId) => printer is VirtualPrinter ? $"/local/prints/{jobId}.svg" : null;

    public static IPrinterTransport Transport(PrinterOptions options, string dataDirectory)
    {
        var timeout = TimeSpan.FromMilliseconds(options.TimeoutMs);
        return options.Kind switch
        {
            PrinterKind.Network => new NetworkPrinter(options.Host ?? throw new InvalidOperationException("Printer:Host is required for a network printer."), options.Port, timeout),
            PrinterKind.Serial => new SerialPrinter(options.SerialPort ?? throw new InvalidOperationException("Printer:SerialPort is required for a serial printer."), options.BaudRate, timeout),
            PrinterKind.Device => new DevicePrinter(options.DevicePath ?? throw new InvalidOperationException("Printer:DevicePath is required for a device printer.")),
            _ => new VirtualPrinter(Path.Combine(dataDirectory, "prints")),
        };
    }
}
