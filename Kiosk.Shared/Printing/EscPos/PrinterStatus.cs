namespace Kiosk.Shared.Printing.EscPos;

public enum PrinterState
{
    Ready,
    PaperOut,
    CoverOpen,
    Offline,
    /// <summary>The printer cannot report (write-only connection) or has not been asked yet.</summary>
    Unknown,
}

/// <summary>
/// A printer's state from its answers to DLE EOT 1, 2 and 4. Bit meanings per the Epson reference:
/// n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 stopped by paper end, bit 6 error; n=4 bits 2–3 roll
/// near its end, bits 5–6 paper end. Every answer byte has bit 1 and 4 set and bits 0 and 7 clear.
/// </summary>
public sealed record PrinterStatus(PrinterState State, bool PaperNearEnd = false, bool Error = false)
{
    public static PrinterStatus Ready { get; } = new(PrinterState.Ready);

    public static bool IsStatusByte(byte b) => (b & 0x93) == 0x12;

    public static PrinterStatus From(byte printer, byte offlineCause, byte paper)
    {
        var nearEnd = (paper & 0x0C) != 0;
        var error = (offlineCause & 0x40) != 0;
        if ((paper & 0x60) != 0 || (offlineCause & 0x20) != 0) return new(PrinterState.PaperOut, nearEnd, error);
        if ((offlineCause & 0x04) != 0) return new(PrinterState.CoverOpen, nearEnd, error);
        if ((printer & 0x08) != 0 || error) return new(PrinterState.Offline, nearEnd, error);
        return new(PrinterState.Ready, nearEnd);
    }
}
