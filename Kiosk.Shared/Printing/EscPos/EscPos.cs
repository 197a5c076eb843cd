namespace Kiosk.Shared.Printing.EscPos;

public enum Alignment : byte { Left = 0, Center = 1, Right = 2 }

public enum QrErrorCorrection : byte { L = 48, M = 49, Q = 50, H = 51 }

/// <summary>GS v 0 m: how many printer dots wide and high each image dot is printed.</summary>
public enum RasterMode : byte { Normal = 0, DoubleWidth = 1, DoubleHeight = 2, Quadruple = 3 }

/// <summary>
/// ESC/POS commands for Epson-compatible thermal printers (TM-T20, TM-T88 and clones), each as the exact
/// bytes of the Epson command reference. Combine them with <see cref="EscPosJob"/>.
/// </summary>
public static class EscPos
{
    public const byte Esc = 0x1B, Gs = 0x1D, Dle = 0x10, Eot = 0x04, Lf = 0x0A;

    /// <summary>ESC @: clears the buffer and resets modes left over from an earlier job.</summary>
    public static byte[] Initialize() => [Esc, (byte)'@'];

    /// <summary>ESC t n: the character table for bytes 0x80–0xFF.</summary>
    public static byte[] CodeTable(byte table) => [Esc, (byte)'t', table];

    /// <summary>ESC a n.</summary>
    public static byte[] Align(Alignment alignment) => [Esc, (byte)'a', (byte)alignment];

    /// <summary>GS ! n: character width and height multipliers, 1 to 8 each.</summary>
    public static byte[] Size(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8);
        return [Gs, (byte)'!', (byte)(((width - 1) << 4) | (height - 1))];
    }

    /// <summary>ESC E n: emphasised (bold).</summary>
    public static byte[] Bold(bool on) => [Esc, (byte)'E', on ? (byte)1 : (byte)0];

    /// <summary>GS B n: white on black.</summary>
    public static byte[] Reverse(bool on) => [Gs, (byte)'B', on ? (byte)1 : (byte)0];

    /// <summary>Text in PC858 followed by LF. Control characters in <paramref name="text"/> are printed as spaces.</summary>
    public static byte[] Line(string text) => [.. Pc858.Encode(text), Lf];

    /// <summary>ESC d n: prints the buffer and feeds n lines.</summary>
    public static byte[] Feed(byte lines) => [Esc, (byte)'d', lines];

    /// <summary>GS V 65 n (full) or 66 n (partial): feeds to the cutter plus n dots, then cuts.</summary>
    public static byte[] FeedAndCut(byte extraDots = 0, bool partial = false) => [Gs, (byte)'V', partial ? (byte)66 : (byte)65, extraDots];

    /// <summary>
    /// GS ( k: a QR code drawn by the printer itself: model 2, module size, error correction, store the
    /// data (fn 180, length + 3 in pL pH), print (fn 181). Far fewer bytes than a raster image.
    /// </summary>
    public static byte[] QrCode(string data, byte moduleSize = 6, QrErrorCorrection correction = QrErrorCorrection.M)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleSize, (byte)1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moduleSize, (byte)16);
        var payload = Pc858.Encode(data);
        if (payload.Length > 7089) throw new ArgumentException("Too long for a QR code.", nameof(data));
        var stored = payload.Length + 3;
        return
        [
            Gs, (byte)'(', (byte)'k', 4, 0, 49, 65, 50, 0,
            Gs, (byte)'(', (byte)'k', 3, 0, 49, 67, moduleSize,
            Gs, (byte)'(', (byte)'k', 3, 0, 49, 69, (byte)correction,
            Gs, (byte)'(', (byte)'k', (byte)(stored & 0xFF), (byte)(stored >> 8), 49, 80, 48, .. payload,
            Gs, (byte)'(', (byte)'k', 3, 0, 49, 81, 48,
        ];
    }

    /// <summary>
    /// GS v 0: a 1-bit image (true = black), in bands of at most <paramref name="bandRows"/> rows because
    /// cheap printers have small receive buffers. Rows are padded to whole bytes. The image is placed as
    /// ESC a says, like text; <paramref name="mode"/> prints each image dot as 1 × 1 up to 2 × 2 printer dots.
    /// </summary>
    public static byte[] Raster(bool[,] dots, int bandRows = 240, RasterMode mode = RasterMode.Normal)
    {
        int height = dots.GetLength(0), width = dots.GetLength(1), rowBytes = (width + 7) / 8;
        if (rowBytes > 0xFFFF || height == 0) throw new ArgumentException("Image size out of range.", nameof(dots));
        var job = new List<byte>(height * rowBytes + (height / bandRows + 1) * 8);
        for (var top = 0; top < height; top += bandRows)
        {
            var rows = Math.Min(bandRows, height - top);
            job.AddRange([Gs, (byte)'v', (byte)'0', (byte)mode, (byte)(rowBytes & 0xFF), (byte)(rowBytes >> 8), (byte)(rows & 0xFF), (byte)(rows >> 8)]);
            for (var y = top; y < top + rows; y++)
                for (var xb = 0; xb < rowBytes; xb++)
                {
                    byte b = 0;
                    for (var bit = 0; bit < 8; bit++)
                    {
                        var x = xb * 8 + bit;
                        if (x < width && dots[y, x]) b |= (byte)(0x80 >> bit);
                    }
                    job.Add(b);
                }
        }
        return [.. job];
    }

    /// <summary>DLE EOT n: real-time status request; the printer answers one byte (see <see cref="PrinterStatus"/>).</summary>
    public static byte[] StatusRequest(StatusKind kind) => [Dle, Eot, (byte)kind];
}

/// <summary>The DLE EOT requests a kiosk needs.</summary>
public enum StatusKind : byte
{
    Printer = 1,
    OfflineCause = 2,
    ErrorCause = 3,
    PaperSensor = 4,
}

/// <summary>Builds one print job from commands, in order.</summary>
public sealed class EscPosJob
{
    private readonly List<byte> _bytes = [];

    public EscPosJob Add(params ReadOnlySpan<byte> command)
    {
        _bytes.AddRange(command);
        return this;
    }

    public int Length => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];
}
