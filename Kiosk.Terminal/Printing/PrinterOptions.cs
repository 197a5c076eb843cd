using System.ComponentModel.DataAnnotations;
using Kiosk.Shared.Printing;

namespace Kiosk.Terminal.Printing;

public enum PrinterKind
{
    /// <summary>No printer: each job is written to the data folder with an SVG picture (demos, tests).</summary>
    Virtual,
    /// <summary>TCP, usually port 9100 (two-way: status is read).</summary>
    Network,
    /// <summary>COM port or /dev/ttyUSB0 (two-way).</summary>
    Serial,
    /// <summary>A file or device path such as /dev/usb/lp0 (write-only).</summary>
    Device,
}

/// <summary>Section "Printer".</summary>
public sealed class PrinterOptions
{
    public const string Section = "Printer";

    public PrinterKind Kind { get; set; } = PrinterKind.Virtual;

    /// <summary>Network: host name or address.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 9100;

    /// <summary>Serial: e.g. COM3 or /dev/ttyUSB0.</summary>
    public string? SerialPort { get; set; }

    public int BaudRate { get; set; } = 38400;

    /// <summary>Device: path written to.</summary>
    public string? DevicePath { get; set; }

    /// <summary>QR drawn by the printer (Native) or sent as an image (Raster) for printers without QR support.</summary>
    public QrMode QrMode { get; set; } = QrMode.Native;

    /// <summary>Characters per line in font A: 48 on 576-dot printers (TM-T20), 42 on 512-dot ones (TM-T88 default).</summary>
    [Range(24, 64)]
    public int Columns { get; set; } = 48;

    /// <summary>Connect, write and status-answer timeout.</summary>
    [Range(100, 60000)]
    public int TimeoutMs { get; set; } = 2000;
}
