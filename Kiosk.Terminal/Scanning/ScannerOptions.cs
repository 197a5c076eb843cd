using System.ComponentModel.DataAnnotations;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// Section "Scanner": a barcode scanner in serial mode (USB-COM / CDC, or RS-232). Unset <see cref="SerialPort"/>:
/// the scanner is a keyboard wedge and the kiosk page reads its keystrokes.
/// </summary>
public sealed class ScannerOptions
{
    public const string Section = "Scanner";

    /// <summary>COM4 on Windows, /dev/ttyACM0 or /dev/serial/by-id/… on Linux.</summary>
    public string? SerialPort { get; set; }

    /// <summary>Bits per second; a USB-COM scanner ignores it, an RS-232 one must be set to the same.</summary>
    [Range(1200, 921_600)]
    public int BaudRate { get; set; } = 9600;
}
