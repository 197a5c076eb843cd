using System.Text;
using HarfBuzzSharp;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing;
using Kiosk.Shared.Printing.EscPos;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Kiosk.Terminal.Printing;

/// <summary>Glyphs of one typeface in one direction, placed from left to right at the baseline (x = 0 is the line's left end).</summary>
public sealed record GlyphRun(string Family, int Start, int Length, bool RightToLeft, ushort[] Glyphs, SKPoint[] Positions, uint[] Clusters);

/// <summary>
/// Draws the badge lines that the printer's code page cannot hold ("Yılmaz", "Łukasiewicz", "李 小龍", Arabic and
/// Hebrew names) as pictures of their text, so every name prints as written. Each such line is shaped (HarfBuzz),
/// put in visual order (<see cref="BidiRuns"/>), set in a typeface that has its letters and drawn as high as the
/// line's characters would be, centred as they are. Other lines stay text and the QR code stays the printer's own,
/// so a badge without such names is byte for byte what it was; one with them stays within
/// <see cref="MaxBadgeBytes"/>.
/// </summary>
public sealed class TextPictures
{
    /// <summary>At most this many bytes for a badge with pictures (and the native QR code).</summary>
    public const int MaxBadgeBytes = 12 * 1024;

    private const int CharHeight = 24;

    // Per script, the first family the PC has that holds the letter: Noto on Debian (fonts-noto-core, fonts-noto-cjk),
    // the Windows fonts on the kiosk PC. Anything else is found by the system's own fallback.
    private static readonly string[] General = ["Noto Sans", "Segoe UI", "Arial", "DejaVu Sans"];
    private static readonly string[] Arabic = ["Noto Sans Arabic", "Segoe UI", "Arial", "Tahoma"];
    private static readonly string[] Hebrew = ["Noto Sans Hebrew", "Segoe UI", "Arial", "Tahoma"];
    private static readonly string[] Chinese = ["Noto Sans CJK SC", "Microsoft YaHei", "Yu Gothic", "SimSun"];
    private static readonly string[] Japanese = ["Noto Sans CJK JP", "Yu Gothic", "Meiryo", "MS Gothic"];
    private static readonly string[] Korean = ["Noto Sans CJK KR", "Malgun Gothic", "Gulim"];

    private enum Script { Common, Other, Arabic, Hebrew, Han, Kana, Hangul }

    private readonly SKFontManager _fonts = SKFontManager.Default;
    private readonly Dictionary<(string Family, bool Bold), SKTypeface?> _families = [];
    private readonly Dictionary<(int Codepoint, bool Bold), SKTypeface?> _fallbacks = [];
    private readonly Dictionary<SKTypeface, SKShaper> _shapers = [];
    private readonly Dictionary<SKTypeface, SKFont> _probes = [];
    private readonly Lock _lock = new();

    /// <summary>The layout with each line that PC858 cannot hold replaced by its picture; the same layout when there is none.</summary>
    public BadgeLayout Apply(BadgeLayout layout)
    {
        if (layout.Blocks.All(b => b is not BadgeLine line || Pc858.Holds(line.Text))) return layout;
        var blocks = layout.Blocks
            .Select(b => b is BadgeLine line && !Pc858.Holds(line.Text) ? Draw(line, layout.Dots, line.Width >= 2 ? 2 : 1, line.Height >= 2 ? 2 : 1) : b)
            .ToList();
        while (true)
        {
            var fitted = new BadgeLayout(blocks, layout.Columns);
            if (BadgeEscPos.Encode(fitted).Length <= MaxBadgeBytes || !blocks.OfType<BadgeLinePicture>().Any()) return fitted;
            // Too large (very long names and organisations): the largest picture is drawn with coarser dots, down to
            // 2 × 2 printer dots each; when none can be, the largest prints as text after all.
            var pictures = blocks.Select((b, i) => (Picture: b as BadgeLinePicture, Index: i)).Where(p => p.Picture is not null).ToList();
            var coarser = pictures.Where(p => p.Picture!.DotWidth < 2 || p.Picture.DotHeight < 2).MaxBy(p => p.Picture!.Dots.Length);
            if (coarser.Picture is { } picture)
                blocks[coarser.Index] = Draw(picture.Line, layout.Dots, 2, picture.DotWidth < 2 ? picture.DotHeight : 2);
            else
            {
                var largest = pictures.MaxBy(p => p.Picture!.Dots.Length);
                blocks[largest.Index] = largest.Picture!.Line;
            }
        }
    }

    /// <summary>
    /// The picture of one line at most <paramref name="maxDots"/> wide, each of its dots printed as
    /// <paramref name="dotWidth"/> × <paramref name="dotHeight"/> printer dots. The text is set as the printer sets
    /// font A at the line's size (20 dots per em per width step, stretched to the height steps); a line too long or
    /// too tall for that is made smaller, never cut.
    /// </summary>
    public BadgeLinePicture Draw(BadgeLine line, int maxDots, int dotWidth = 1, int dotHeight = 1)
    {
        var text = line.Text.Trim();
        float w = line.Width, stretch = (float)line.Height / line.Width;
        var boxHeight = CharHeight * line.Width; // before the vertical stretch
        var maxPixels = Math.Max(8, maxDots / dotWidth / 8 * 8);
        lock (_lock)
        {
            var runs = Shape(text, 20 * w, line.Bold, out var fonts);
            try
            {
                var ink = Ink(runs, fonts);
                var fit = ink.IsEmpty ? 1 : Math.Min(1, Math.Min(0.96f * boxHeight / ink.Height, (maxPixels * dotWidth - 4) / ink.Width));
                var baseline = ink.IsEmpty ? 0.8f * boxHeight : Math.Clamp(0.8f * boxHeight, -fit * ink.Top, boxHeight - fit * ink.Bottom);
                var widthDots = (int)Math.Ceiling(fit * ink.Width) + 4;
                // A reversed line is a black band as wide as its text would be, the picture on it white.
                if (line.Reverse) widthDots = Math.Max(widthDots, BadgeLayout.Cells(line.Text) * 12 * line.Width);
                var pixels = Math.Min(maxPixels, (widthDots + dotWidth * 8 - 1) / (dotWidth * 8) * 8);
                var rows = CharHeight * line.Height / dotHeight;

                using var bitmap = new SKBitmap(new SKImageInfo(pixels, rows, SKColorType.Gray8, SKAlphaType.Opaque));
                using (var canvas = new SKCanvas(bitmap))
                {
                    canvas.Clear(line.Reverse ? SKColors.Black : SKColors.White);
                    canvas.Scale(1f / dotWidth, 1f / dotHeight);
                    canvas.Translate((pixels * dotWidth - fit * ink.Width) / 2 - fit * ink.Left, 0);
                    canvas.Scale(1, stretch);
                    canvas.Translate(0, baseline);
                    canvas.Scale(fit);
                    using var paint = new SKPaint { Color = line.Reverse ? SKColors.White : SKColors.Black, IsAntialias = true };
                    for (var i = 0; i < runs.Count; i++)
                    {
                        if (runs[i].Glyphs.Length == 0) continue;
                        using var builder = new SKTextBlobBuilder();
                        builder.AddPositionedRun(runs[i].Glyphs, fonts[i], runs[i].Positions);
                        using var blob = builder.Build();
                        if (blob is not null) canvas.DrawText(blob, 0, 0, paint);
                    }
                }
                var dots = new bool[rows, pixels];
                var gray = bitmap.GetPixelSpan();
                var stride = bitmap.RowBytes;
                for (var y = 0; y < rows; y++)
                    for (var x = 0; x < pixels; x++)
                        dots[y, x] = gray[y * stride + x] < 128;
                return new BadgeLinePicture(line, dots, dotWidth, dotHeight);
            }
            finally
            {
                foreach (var font in fonts) font.Dispose();
            }
        }
    }

    /// <summary>The line shaped at <paramref name="size"/> dots per em: its runs from left to right as printed.</summary>
    public IReadOnlyList<GlyphRun> Shape(string text, float size, bool bold = false)
    {
        lock (_lock)
        {
            var runs = Shape(text, size, bold, out var fonts);
            foreach (var font in fonts) font.Dispose();
            return runs;
        }
    }

    private List<GlyphRun> Shape(string text, float size, bool bold, out List<SKFont> fonts)
    {
        var runs = new List<GlyphRun>();
        fonts = [];
        var cjk = text.EnumerateRunes().Select(r => ScriptOf(r.Value)).FirstOrDefault(s => s is Script.Kana or Script.Hangul);
        float x = 0;
        foreach (var bidi in BidiRuns.Visual(text))
        {
            var pieces = Pieces(text, bidi, bold, cjk);
            if (bidi.RightToLeft) pieces.Reverse();
            foreach (var (typeface, start, length) in pieces)
            {
                var font = new SKFont(typeface, size) { Edging = SKFontEdging.Antialias, Subpixel = true, Hinting = SKFontHinting.Slight };
                if (bold && typeface.FontWeight < (int)SKFontStyleWeight.SemiBold) font.Embolden = true;
                fonts.Add(font);
                // SKShaper.Shape(string) guesses one direction for the whole text from its first script and numbers
                // clusters in UTF-8 bytes: a buffer of our own carries the run's direction and UTF-16 positions.
                using var buffer = new HarfBuzzSharp.Buffer();
                buffer.AddUtf16(text, start, length);
                buffer.Direction = bidi.RightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
                buffer.GuessSegmentProperties();
                var shaped = Shaper(typeface).Shape(buffer, x, 0, font);
                runs.Add(new GlyphRun(typeface.FamilyName, start, length, bidi.RightToLeft,
                    shaped.Codepoints.Select(g => (ushort)g).ToArray(), shaped.Points, shaped.Clusters));
                x += shaped.Width;
            }
        }
        return runs;
    }

    /// <summary>Where the glyphs put ink, relative to the start of the baseline.</summary>
    private static SKRect Ink(List<GlyphRun> runs, List<SKFont> fonts)
    {
        var ink = SKRect.Empty;
        for (var i = 0; i < runs.Count; i++)
        {
            var bounds = new SKRect[runs[i].Glyphs.Length];
            fonts[i].GetGlyphWidths(runs[i].Glyphs, [], bounds, null);
            for (var g = 0; g < bounds.Length; g++)
            {
                if (bounds[g].IsEmpty) continue;
                var placed = bounds[g];
                placed.Offset(runs[i].Positions[g]);
                // Emboldening thickens outlines beyond the bounds Skia reports.
                if (fonts[i].Embolden) placed.Inflate(fonts[i].Size / 24, fonts[i].Size / 24);
                ink = ink.IsEmpty ? placed : SKRect.Union(ink, placed);
            }
        }
        return ink;
    }

    /// <summary>The bidi run split where the typeface changes, in logical order.</summary>
    private List<(SKTypeface Typeface, int Start, int Length)> Pieces(string text, BidiRun run, bool bold, Script cjk)
    {
        var pieces = new List<(SKTypeface Typeface, int Start, int Length)>();
        SKTypeface? current = null;
        var start = run.Start;
        for (var i = run.Start; i < run.Start + run.Length;)
        {
            var rune = Rune.TryGetRuneAt(text, i, out var r) ? r : Rune.ReplacementChar;
            var length = char.IsSurrogatePair(text, i) ? 2 : 1;
            var script = ScriptOf(rune.Value);
            // Spaces, punctuation and marks stay in the typeface of the letters around them.
            var typeface = script == Script.Common && current is not null && Has(current, rune.Value)
                ? current
                : Typeface(rune.Value, script == Script.Han && cjk != Script.Common ? cjk : script, bold);
            if (current is not null && typeface != current)
            {
                pieces.Add((current, start, i - start));
                start = i;
            }
            current = typeface;
            i += length;
        }
        if (current is not null) pieces.Add((current, start, run.Start + run.Length - start));
        return pieces;
    }

    private SKTypeface Typeface(int codepoint, Script script, bool bold)
    {
        var families = script switch
        {
            Script.Arabic => Arabic,
            Script.Hebrew => Hebrew,
            Script.Han => Chinese,
            Script.Kana => Japanese,
            Script.Hangul => Korean,
            _ => General,
        };
        foreach (var family in families)
            if (Family(family, bold) is { } typeface && Has(typeface, codepoint)) return typeface;
        if (!_fallbacks.TryGetValue((codepoint, bold), out var fallback))
            _fallbacks[(codepoint, bold)] = fallback = _fonts.MatchCharacter(null, bold ? SKFontStyle.Bold : SKFontStyle.Normal, null, codepoint);
        return fallback ?? General.Select(f => Family(f, bold)).FirstOrDefault(t => t is not null) ?? SKTypeface.Default;
    }

    private SKTypeface? Family(string family, bool bold)
    {
        if (!_families.TryGetValue((family, bold), out var typeface))
            _families[(family, bold)] = typeface = _fonts.MatchFamily(family, bold ? SKFontStyle.Bold : SKFontStyle.Normal);
        return typeface;
    }

    private bool Has(SKTypeface typeface, int codepoint)
    {
        if (!_probes.TryGetValue(typeface, out var probe)) _probes[typeface] = probe = new SKFont(typeface);
        return probe.ContainsGlyph(codepoint);
    }

    private SKShaper Shaper(SKTypeface typeface)
    {
        // A shaper reads the whole font file (some CJK fonts are 20 MB): one per typeface, kept.
        if (!_shapers.TryGetValue(typeface, out var shaper)) _shapers[typeface] = shaper = new SKShaper(typeface);
        return shaper;
    }

    private static Script ScriptOf(int c) => c switch
    {
        >= 0x0590 and <= 0x05FF or >= 0xFB1D and <= 0xFB4F => Letterlike(c, Script.Hebrew),
        >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x08A0 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF
            => Letterlike(c, Script.Arabic),
        >= 0x3040 and <= 0x30FF or >= 0x31F0 and <= 0x31FF or >= 0xFF65 and <= 0xFF9F => Script.Kana,
        >= 0x1100 and <= 0x11FF or >= 0x3130 and <= 0x318F or >= 0xAC00 and <= 0xD7AF => Script.Hangul,
        >= 0x2E80 and <= 0x2FDF or 0x3005 or 0x3007 or >= 0x3021 and <= 0x3029 or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF
            or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF => Script.Han,
        _ => Letterlike(c, Script.Other),
    };

    // Marks, digits and punctuation inside a script's block still go with the letters next to them.
    private static Script Letterlike(int c, Script script) =>
        Rune.IsValid(c) && Rune.IsLetter(new Rune(c)) ? script : Script.Common;
}
