namespace Kiosk.Shared.Badges;

/// <summary>
/// RFC 4648 "base32hex" (0-9, A-V) without padding. Chosen for badge tokens because every character is in
/// the QR alphanumeric set and none of them moves between US and German keyboard layouts (no Y/Z, no
/// punctuation), so a keyboard-wedge scanner set to the wrong layout, or caps lock, cannot corrupt a token.
/// </summary>
public static class Base32Hex
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = Alphabet[(buffer >> bits) & 31];
            }
        }
        if (bits > 0) chars[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars, 0, index);
    }

    /// <summary>Decodes case-insensitively; returns false for any character outside the alphabet or non-zero padding bits.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] data)
    {
        data = [];
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            var value = ValueOf(c);
            if (value < 0) return false;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                if (index == output.Length) return false;
                output[index++] = (byte)(buffer >> bits);
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits >= 5 || buffer != 0) return false; // impossible length or non-canonical trailing bits
        data = output;
        return true;
    }

    private static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'V' => c - 'A' + 10,
        >= 'a' and <= 'v' => c - 'a' + 10,
        _ => -1,
    };
}
