using System.Globalization;
using System.Text;

namespace Kiosk.Shared.Printing.EscPos;

/// <summary>
/// Code page PC858 (DOS Latin-1 with €), selected with ESC t 19 on Epson printers: it holds every letter
/// of German names (ä ö ü ß) and most Western European ones. Letters it lacks print without their accent
/// (ł → l, ğ → g) rather than as a wrong glyph; anything else prints as '?'. A badge prints such text as a
/// picture instead (<see cref="Holds"/> tells which).
/// </summary>
public static class Pc858
{
    public const byte EscPosTable = 19;

    // Characters for bytes 0x80 to 0xFF, in order.
    private const string High =
        "ÇüéâäàåçêëèïîìÄÅ" + "ÉæÆôöòûùÿÖÜø£Ø×ƒ" + "áíóúñÑªº¿®¬½¼¡«»" + "░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐" +
        "└┴┬├─┼ãÃ╚╔╩╦╠═╬¤" + "ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀" + "ÓßÔÒõÕµþÞÚÛÙýÝ¯´" + "\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0";

    private static readonly Dictionary<char, byte> ToByte = High.Select((c, i) => (c, b: (byte)(0x80 + i))).ToDictionary(x => x.c, x => x.b);

    /// <summary>
    /// Whether the text prints as written: every character is in the code page, a control character (printed as a
    /// space) or a typographic dash or quote, whose stand-in looks the same on a badge. Decomposed letters count
    /// as their composed form.
    /// </summary>
    public static bool Holds(string text)
    {
        foreach (var c in Composed(text))
        {
            if (c < 0x7F || c is >= '\u0080' and < '\u00A0' || ToByte.ContainsKey(c)) continue;
            if (c is '–' or '—' or '‐' or '‚' or '‘' or '’' or '„' or '“' or '”') continue;
            return false;
        }
        return true;
    }

    /// <summary>Encodes text for the printer. Control characters become spaces, so text can never carry a command.</summary>
    public static byte[] Encode(string text)
    {
        text = Composed(text);
        var bytes = new byte[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c)) continue;
            bytes[n++] = Map(c);
        }
        return n == bytes.Length ? bytes : bytes[..n];
    }

    // "u" + combining diaeresis is "ü": imports from some systems carry names decomposed. Text with a broken
    // surrogate cannot be normalised and stays as it is.
    private static string Composed(string text)
    {
        try { return text.IsNormalized() ? text : text.Normalize(); }
        catch (ArgumentException) { return text; }
    }

    private static byte Map(char c)
    {
        if (c < 0x20 || c == 0x7F || c is >= '\u0080' and < '\u00A0') return (byte)' ';
        if (c < 0x7F) return (byte)c;
        if (ToByte.TryGetValue(c, out var b)) return b;
        if (char.IsSurrogate(c)) return (byte)'?'; // a character beyond U+FFFF (emoji, rare CJK): one '?' for the pair
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var letter = decomposed.FirstOrDefault(x => CharUnicodeInfo.GetUnicodeCategory(x) != UnicodeCategory.NonSpacingMark);
        if (letter is > '\0' and < '\u007F' && letter >= ' ') return (byte)letter;
        if (letter != '\0' && ToByte.TryGetValue(letter, out b)) return b;
        return c switch
        {
            'ł' => (byte)'l',
            'Ł' => (byte)'L',
            'đ' => (byte)'d',
            'Đ' => (byte)'D',
            'ı' => (byte)'i',
            'œ' => (byte)'o',
            'Œ' => (byte)'O',
            '–' or '—' or '‐' => (byte)'-',
            '‚' or '‘' or '’' => (byte)'\'',
            '„' or '“' or '”' => (byte)'"',
            '…' => (byte)'.',
            _ => (byte)'?',
        };
    }
}
