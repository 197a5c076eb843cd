using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kiosk.Testing;

/// <summary>Reads the pictures of lines back out of a badge preview (BadgeSvg): one path of black runs each.</summary>
public static partial class PreviewReader
{
    /// <summary>
    /// Each picture with its text (the path's title) and its left edge in dots, in the order the badge shows them.
    /// The image holds the black dots only: it ends with the last black run.
    /// </summary>
    public static List<(string Text, int Left, PrintedImage Image)> Pictures(string svg)
    {
        var pictures = new List<(string, int, PrintedImage)>();
        foreach (var path in XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "path"))
        {
            var transform = path.Attribute("transform")!.Value;
            var scale = Scale().Match(transform);
            var left = int.Parse(Translate().Match(transform).Groups[1].Value, CultureInfo.InvariantCulture);
            int dotWidth = int.Parse(scale.Groups[1].Value, CultureInfo.InvariantCulture), dotHeight = int.Parse(scale.Groups[2].Value, CultureInfo.InvariantCulture);
            var runs = Run().Matches(path.Attribute("d")!.Value)
                .Select(m => (X: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Y: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), N: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))
                .ToList();
            var title = path.Elements().Single(e => e.Name.LocalName == "title").Value;
            pictures.Add((title, left, new PrintedImage(Dots(runs), dotWidth, dotHeight)));
        }
        return pictures;
    }

    private static bool[,] Dots(List<(int X, int Y, int N)> runs)
    {
        var dots = new bool[runs.Count == 0 ? 1 : runs.Max(r => r.Y) + 1, runs.Count == 0 ? 1 : runs.Max(r => r.X + r.N)];
        foreach (var (x, y, n) in runs)
            for (var i = 0; i < n; i++) dots[y, x + i] = true;
        return dots;
    }

    [GeneratedRegex(@"translate\((-?\d+) ")]
    private static partial Regex Translate();

    [GeneratedRegex(@"scale\((\d+) (\d+)\)")]
    private static partial Regex Scale();

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\d+z")]
    private static partial Regex Run();
}
