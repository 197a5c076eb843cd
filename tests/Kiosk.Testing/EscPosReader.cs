using Kiosk.Shared.Printing.EscPos;

namespace Kiosk.Testing;

/// <summary>Something a job puts on paper, in order.</summary>
public abstract record Printed;

/// <summary>A line of text as the printer got it (code page bytes), at its GS ! size.</summary>
public sealed record PrintedText(byte[] Bytes, int Width, int Height, bool Reverse) : Printed
{
    public string Latin1 => System.Text.Encoding.Latin1.GetString(Bytes);
}

/// <summary>A GS v 0 image: its dots (true = black) and how many printer dots wide and high each one prints.</summary>
public sealed record PrintedImage(bool[,] Dots, int DotWidth, int DotHeight) : Printed
{
    public int PrintedWidth => Dots.GetLength(1) * DotWidth;
    public int PrintedHeight => Dots.GetLength(0) * DotHeight;

    /// <summary>The share of dots that are black.</summary>
    public double Ink => Dots.Cast<bool>().Count(d => d) / (double)Dots.Length;

    /// <summary>Black in the same places at the same dot size (white beyond either image's edge counts as white).</summary>
    public bool SameInkAs(PrintedImage other)
    {
        if ((DotWidth, DotHeight) != (other.DotWidth, other.DotHeight)) return false;
        int rows = Math.Max(Dots.GetLength(0), other.Dots.GetLength(0)), columns = Math.Max(Dots.GetLength(1), other.Dots.GetLength(1));
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < columns; x++)
                if (At(y, x) != other.At(y, x)) return false;
        return true;
    }

    private bool At(int y, int x) => y < Dots.GetLength(0) && x < Dots.GetLength(1) && Dots[y, x];
}

/// <summary>A QR code the printer draws itself (GS ( k), with the data it stores.</summary>
public sealed record PrintedQr(string Data) : Printed;

/// <summary>
/// Reads an ESC/POS job as the printer would: the commands the badge encoder uses, text up to each LF, each
/// GS v 0 as one image (a picture of a line is one band; a raster QR code is several). Fails on a command it
/// does not know, so a test notices one it did not expect.
/// </summary>
public static class EscPosReader
{
    public static List<Printed> Read(byte[] job)
    {
        var printed = new List<Printed>();
        var text = new List<byte>();
        int width = 1, height = 1;
        var reverse = false;
        var i = 0;
        while (i < job.Length)
        {
            var b = job[i];
            if (b == EscPos.Esc)
            {
                var command = (char)job[i + 1];
                i += command switch { '@' => 2, 't' or 'a' or 'E' or 'd' => 3, _ => throw new InvalidDataException($"ESC {command} at {i}") };
                if (command == 'd' && text.Count > 0) Flush();
            }
            else if (b == EscPos.Gs)
            {
                var command = (char)job[i + 1];
                switch (command)
                {
                    case '!':
                        (width, height) = ((job[i + 2] >> 4) + 1, (job[i + 2] & 0x0F) + 1);
                        i += 3;
                        break;
                    case 'B':
                        reverse = job[i + 2] == 1;
                        i += 3;
                        break;
                    case 'V':
                        i += 4;
                        break;
                    case '(' when job[i + 2] == (byte)'k':
                        var length = job[i + 3] | job[i + 4] << 8;
                        if (job[i + 6] == 80) printed.Add(new PrintedQr(System.Text.Encoding.Latin1.GetString(job, i + 8, length - 3)));
                        i += 5 + length;
                        break;
                    case 'v' when job[i + 2] == (byte)'0':
                        i = ReadImage(job, i, printed);
                        break;
                    default:
                        throw new InvalidDataException($"GS {command} at {i}");
                }
            }
            else if (b == EscPos.Lf)
            {
                Flush();
                i++;
            }
            else
            {
                text.Add(b);
                i++;
            }
        }
        return printed;

        void Flush()
        {
            printed.Add(new PrintedText([.. text], width, height, reverse));
            text.Clear();
        }
    }

    private static int ReadImage(byte[] job, int i, List<Printed> printed)
    {
        var mode = (RasterMode)job[i + 3];
        int rowBytes = job[i + 4] | job[i + 5] << 8, rows = job[i + 6] | job[i + 7] << 8;
        var (dotWidth, dotHeight) = mode switch
        {
            RasterMode.Normal => (1, 1),
            RasterMode.DoubleWidth => (2, 1),
            RasterMode.DoubleHeight => (1, 2),
            _ => (2, 2),
        };
        var dots = new bool[rows, rowBytes * 8];
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < rowBytes * 8; x++)
                dots[y, x] = (job[i + 8 + y * rowBytes + x / 8] & (0x80 >> (x % 8))) != 0;
        printed.Add(new PrintedImage(dots, dotWidth, dotHeight));
        return i + 8 + rows * rowBytes;
    }
}
