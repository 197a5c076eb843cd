using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing.EscPos;
using QRCoder;

namespace Kiosk.Shared.Printing;

public enum QrMode
{
    /// <summary>GS ( k: the printer draws the code; about 200 bytes.</summary>
    Native,
    /// <summary>GS v 0 image, for printers without QR support; several kilobytes.</summary>
    Raster,
}

/// <summary>
/// Turns a <see cref="BadgeLayout"/> into one ESC/POS job for an 80 mm printer: text in PC858, pictures of the
/// lines PC858 cannot hold (<see cref="BadgeLinePicture"/>) as GS v 0 images, the QR code drawn by the printer.
/// </summary>
public static class BadgeEscPos
{
    public const byte QrModuleDots = 6;

    public static byte[] Encode(BadgeLayout layout, QrMode qr = QrMode.Native)
    {
        var job = new EscPosJob()
            .Add(EscPos.EscPos.Initialize())
            .Add(EscPos.EscPos.CodeTable(Pc858.EscPosTable))
            .Add(EscPos.EscPos.Align(Alignment.Center));
        foreach (var block in layout.Blocks)
        {
            switch (block)
            {
                case BadgeLine t:
                    job.Add(EscPos.EscPos.Size(t.Width, t.Height)).Add(EscPos.EscPos.Bold(t.Bold)).Add(EscPos.EscPos.Reverse(t.Reverse))
                        .Add(EscPos.EscPos.Line(t.Text));
                    if (t.Reverse) job.Add(EscPos.EscPos.Reverse(false));
                    break;
                case BadgeLinePicture p:
                    job.Add(EscPos.EscPos.Raster(p.Dots, mode: (p.DotWidth, p.DotHeight) switch
                    {
                        (1, 1) => RasterMode.Normal,
                        (2, 1) => RasterMode.DoubleWidth,
                        (1, 2) => RasterMode.DoubleHeight,
                        _ => RasterMode.Quadruple,
                    }));
                    break;
                case BadgeGap g:
                    job.Add(EscPos.EscPos.Size(1, 1)).Add(EscPos.EscPos.Feed((byte)g.Lines));
                    break;
                case BadgeCode q when qr == QrMode.Native:
                    job.Add(EscPos.EscPos.QrCode(q.Data, QrModuleDots));
                    break;
                case BadgeCode q:
                    job.Add(EscPos.EscPos.Raster(QrDots(q.Data, QrModuleDots)));
                    break;
            }
        }
        return job.Add(EscPos.EscPos.Size(1, 1)).Add(EscPos.EscPos.Bold(false)).Add(EscPos.EscPos.Feed(3)).Add(EscPos.EscPos.FeedAndCut()).ToArray();
    }

    /// <summary>The QR code (error correction M, with its quiet zone) as dots, each module <paramref name="scale"/> dots wide.</summary>
    public static bool[,] QrDots(string data, int scale)
    {
        var modules = QrModules(data);
        var n = modules.Count;
        var dots = new bool[n * scale, n * scale];
        for (var y = 0; y < n * scale; y++)
            for (var x = 0; x < n * scale; x++)
                dots[y, x] = modules[y / scale][x / scale];
        return dots;
    }

    public static List<bool[]> QrModules(string data)
    {
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(data, QRCodeGenerator.ECCLevel.M);
        return code.ModuleMatrix.Select(row => row.Cast<bool>().ToArray()).ToList();
    }
}
