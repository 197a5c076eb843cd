using System.Globalization;
using System.Security;
using System.Text;
using Kiosk.Shared.Badges;

namespace Kiosk.Shared.Printing;

/// <summary>
/// A picture of the printed badge, one pixel per dot of the printable width: for the virtual printer and the
/// screen, so a badge can be seen without a printer. Font A is 12 × 24 dots per character; a line drawn as a
/// picture (<see cref="BadgeLinePicture"/>) shows exactly the dots the printer gets.
/// </summary>
public static class BadgeSvg
{
    private const int CharWidth = 12, LineHeight = 24, Margin = 16;

    public static string Render(BadgeLayout layout)
    {
        var width = layout.Dots;
        var body = new StringBuilder();
        var y = Margin;
        foreach (var block in layout.Blocks)
        {
            switch (block)
            {
                case BadgeLine t:
                    var height = LineHeight * t.Height;
                    if (t.Reverse) body.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y}\" width=\"{width}\" height=\"{height}\" fill=\"#000\"/>");
                    // Font A is 12 dots wide per character: a monospace font of size 20 has that advance (0.6 em);
                    // taller-than-wide characters are stretched vertically, as the printer does.
                    body.Append(CultureInfo.InvariantCulture,
                        $"<text transform=\"translate({width / 2} {y + height * 0.82:0.#}) scale(1 {(double)t.Height / t.Width:0.###})\" font-size=\"{20 * t.Width}\" textLength=\"{Math.Min(width, t.Text.Trim().Length * CharWidth * t.Width)}\" lengthAdjust=\"spacingAndGlyphs\"{(t.Bold ? " font-weight=\"bold\"" : "")}{(t.Reverse ? " fill=\"#fff\"" : "")}>{SecurityElement.Escape(t.Text.Trim())}</text>");
                    y += height;
                    break;
                case BadgeLinePicture p:
                    // The very dots the printer gets, one path of runs per picture, named by its text.
                    body.Append(CultureInfo.InvariantCulture,
                        $"<path transform=\"translate({(width - p.PrintedWidth) / 2} {y}) scale({p.DotWidth} {p.DotHeight})\" fill=\"#000\" shape-rendering=\"crispEdges\" d=\"{Runs(p.Dots)}\"><title>{SecurityElement.Escape(p.Line.Text.Trim())}</title></path>");
                    y += p.PrintedHeight;
                    break;
                case BadgeGap g:
                    y += LineHeight * g.Lines;
                    break;
                case BadgeCode q:
                    var modules = BadgeEscPos.QrModules(q.Data);
                    var size = modules.Count * BadgeEscPos.QrModuleDots;
                    var left = (width - size) / 2;
                    body.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({left} {y}) scale({BadgeEscPos.QrModuleDots})\" fill=\"#000\">");
                    for (var row = 0; row < modules.Count; row++)
                        for (var col = 0; col < modules.Count; col++)
                            if (modules[row][col]) body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{col}\" y=\"{row}\" width=\"1\" height=\"1\"/>");
                    body.Append("</g>");
                    y += size;
                    break;
            }
        }
        var total = y + Margin;
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\" font-family=\"DejaVu Sans Mono, Consolas, monospace\" text-anchor=\"middle\">"
            + $"<rect width=\"{width}\" height=\"{total}\" fill=\"#fff\"/>{body}</svg>";
    }

    /// <summary>Each row's black runs as "M x y h n v 1 h -n z": a few kilobytes for a line of text.</summary>
    private static string Runs(bool[,] dots)
    {
        var d = new StringBuilder();
        for (var row = 0; row < dots.GetLength(0); row++)
            for (var x = 0; x < dots.GetLength(1); x++)
            {
                if (!dots[row, x]) continue;
                var start = x;
                while (x < dots.GetLength(1) && dots[row, x]) x++;
                d.Append(CultureInfo.InvariantCulture, $"M{start} {row}h{x - start}v1h-{x - start}z");
            }
        return d.ToString();
    }
}
