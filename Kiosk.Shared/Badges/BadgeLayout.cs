using Kiosk.Shared.Contracts;

namespace Kiosk.Shared.Badges;

/// <summary>
/// What goes on one printed badge. <see cref="Sessions"/>: the booked sessions its programme block lists, at their
/// local time in <see cref="TimeZone"/> (the event's IANA zone); none, and the badge is what it always was.
/// </summary>
public sealed record BadgePrint(
    string? Title, string FirstName, string LastName, string? Organization, AttendeeCategory Category,
    string EventName, string Token, string Language = "de", IReadOnlyList<BookedSession>? Sessions = null, string? TimeZone = null);

public abstract record BadgeBlock;

/// <summary>One printed line, centred. Width and height are character multipliers (font A: 12 × 24 dots).</summary>
public sealed record BadgeLine(string Text, int Width = 1, int Height = 1, bool Bold = false, bool Reverse = false) : BadgeBlock;

public sealed record BadgeCode(string Data) : BadgeBlock;

/// <summary>
/// A line the printer's code page cannot hold, as a 1-bit picture of its text (true = black) in the line's place:
/// as high as the line's characters (24 dots × <see cref="BadgeLine.Height"/>), centred as they are. Each picture
/// dot prints as <see cref="DotWidth"/> × <see cref="DotHeight"/> printer dots (1 or 2), which keeps large
/// lines small. The terminal draws these (Kiosk.Terminal/Printing/TextPictures).
/// </summary>
public sealed record BadgeLinePicture : BadgeBlock
{
    public BadgeLinePicture(BadgeLine line, bool[,] dots, int dotWidth = 1, int dotHeight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dotWidth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dotWidth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(dotHeight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dotHeight, 2);
        if (dots.Length == 0) throw new ArgumentException("A picture needs at least one dot.", nameof(dots));
        (Line, Dots, DotWidth, DotHeight) = (line, dots, dotWidth, dotHeight);
    }

    public BadgeLine Line { get; }
    public bool[,] Dots { get; }
    public int DotWidth { get; }
    public int DotHeight { get; }

    /// <summary>Width and height on paper, in printer dots.</summary>
    public int PrintedWidth => Dots.GetLength(1) * DotWidth;
    public int PrintedHeight => Dots.GetLength(0) * DotHeight;
}

public sealed record BadgeGap(int Lines) : BadgeBlock;

/// <summary>
/// The badge for 80 mm paper (576 dots, 48 characters of font A; 512 dots and 42 characters on printers
/// such as the TM-T88 in their default mode): event name, name as large as it fits,
/// organization, a black category band, the QR code with the badge token. Lines break at spaces and
/// hyphens; only a word longer than a whole line is split, between letters. Nothing is cut off. Chinese,
/// Japanese and Korean characters take two columns each.
/// </summary>
public sealed record BadgeLayout(IReadOnlyList<BadgeBlock> Blocks, int Columns = BadgeLayout.WideColumns)
{
    public const int WideColumns = 48, NarrowColumns = 42;

    /// <summary>Printable width in dots: 12 per font-A character.</summary>
    public int Dots => Columns * 12;

    // Name sizes, largest first, with the most lines each may take.
    private static readonly (int Width, int Height, int MaxLines)[] NameSizes = [(3, 3, 3), (2, 2, 4), (1, 2, 6)];

    public static BadgeLayout For(BadgePrint badge, int columns = WideColumns)
    {
        if (columns is < 24 or > 64) throw new ArgumentOutOfRangeException(nameof(columns), "Thermal printers have 24 to 64 columns.");
        var blocks = new List<BadgeBlock> { new BadgeLine(badge.EventName, Bold: true), new BadgeGap(1) };
        var given = string.Join(' ', new[] { badge.Title, badge.FirstName }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        blocks.AddRange(NameLines(given, badge.LastName.Trim(), columns));
        if (!string.IsNullOrWhiteSpace(badge.Organization))
        {
            blocks.Add(new BadgeGap(1));
            var org = Wrap(badge.Organization.Trim(), columns);
            blocks.AddRange(org.Select(l => new BadgeLine(l.TrimEnd('\u200B'), 1, org.Count <= 2 ? 2 : 1)));
        }
        blocks.Add(new BadgeGap(1));
        blocks.Add(new BadgeLine(CategoryLabel(badge.Category, badge.Language).PadBoth(columns / 2), 2, 2, Bold: true, Reverse: true));
        blocks.Add(new BadgeGap(1));
        blocks.Add(new BadgeCode(badge.Token));
        if (badge.Sessions is { Count: > 0 } sessions)
        {
            blocks.Add(new BadgeGap(1));
            blocks.AddRange(BadgeProgramme.Lines(sessions, badge.TimeZone, badge.Language, columns).Select(l => new BadgeLine(l)));
        }
        return new BadgeLayout(blocks, columns);
    }

    public static string CategoryLabel(AttendeeCategory category, string language) => (category, language == "en") switch
    {
        (AttendeeCategory.Exhibitor, false) => "AUSSTELLER",
        (AttendeeCategory.Exhibitor, true) => "EXHIBITOR",
        (AttendeeCategory.Speaker, false) => "REFERENT",
        (AttendeeCategory.Speaker, true) => "SPEAKER",
        (AttendeeCategory.Press, false) => "PRESSE",
        (AttendeeCategory.Press, true) => "PRESS",
        (AttendeeCategory.Team, _) => "TEAM",
        (_, false) => "BESUCHER",
        (_, true) => "VISITOR",
    };

    private static IEnumerable<BadgeLine> NameLines(string given, string last, int columns)
    {
        foreach (var (w, h, max) in NameSizes)
        {
            var lines = Wrap(given, columns / w).Concat(Wrap(last, columns / w)).ToList();
            if (lines.Count <= max && lines.All(l => !l.EndsWith('\u200B'))) return lines.Select(l => new BadgeLine(l, w, h, Bold: true));
        }
        return Wrap(given, columns).Concat(Wrap(last, columns)).Select(l => new BadgeLine(l.TrimEnd('\u200B'), 1, 1, Bold: true));
    }

    /// <summary>
    /// Greedy word wrap at spaces and after hyphens, measured in <see cref="Cells"/>. A word longer than a line is
    /// split between letters; such pieces are marked (zero-width space) so a larger size that needs splitting is
    /// not chosen.
    /// </summary>
    public static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in Words(text))
        {
            var glue = line.Length == 0 || line.EndsWith('-') ? "" : " ";
            if (Cells(line + glue + word) <= width) { line += glue + word; continue; }
            if (line.Length > 0) lines.Add(line);
            line = word;
            while (Cells(line) > width)
            {
                var cut = Prefix(line, width - 1);
                lines.Add(line[..cut] + "\u200B");
                line = line[cut..];
            }
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }

    /// <summary>
    /// Character cells a text takes in font A: one per character, two for the wide ones of Chinese, Japanese and
    /// Korean (their pictures are as wide as two cells, as CJK printers set them).
    /// </summary>
    public static int Cells(string text)
    {
        var cells = 0;
        foreach (var rune in text.EnumerateRunes()) cells += Wide(rune.Value) ? 2 : 1;
        return cells;
    }

    // The longest start of the text within the cells, never less than one character nor half of a surrogate pair.
    internal static int Prefix(string text, int cells)
    {
        int used = 0, end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            used += Wide(rune.Value) ? 2 : 1;
            if (used > cells && end > 0) break;
            end += rune.Utf16SequenceLength;
        }
        return end;
    }

    private static bool Wide(int c) => c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF
        or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3
        or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6
        or >= 0x20000 and <= 0x3FFFD;

    private static IEnumerable<string> Words(string text)
    {
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            for (var i = 0; i < part.Length - 1; i++)
            {
                if (part[i] != '-') continue;
                yield return part[start..(i + 1)];
                start = i + 1;
            }
            yield return part[start..];
        }
    }
}

internal static class Padding
{
    public static string PadBoth(this string text, int width) =>
        text.Length >= width ? text : text.PadLeft(text.Length + (width - text.Length) / 2).PadRight(width);
}
