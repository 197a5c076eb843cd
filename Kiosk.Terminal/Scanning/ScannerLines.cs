using System.Text;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// Turns the bytes a serial scanner sends into whole codes. A code ends at CR, LF or CRLF; the bytes come in
/// whatever pieces the port hands over (a 160-character badge arrives in three USB packets). As with the keyboard
/// wedge on the page: a pause longer than <see cref="Gap"/> drops a half read (a scanner unplugged mid-code), and a
/// code longer than <see cref="MaxLength"/> keeps only its start (it is never a badge, and the visitor is told so),
/// and fewer than <see cref="MinLength"/> characters are noise, not a code.
/// </summary>
public sealed class ScannerLines
{
    public const int MinLength = 8;
    public const int MaxLength = 512;
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(500);

    private readonly byte[] _code = new byte[MaxLength];
    private int _length;
    private bool _cut;

    /// <summary>Half reads dropped after a pause.</summary>
    public int Dropped { get; private set; }

    /// <summary>Codes cut to <see cref="MaxLength"/>.</summary>
    public int Cut { get; private set; }

    /// <summary>Adds what the port read; <paramref name="sinceLastRead"/> is the time since the previous piece arrived.</summary>
    public IReadOnlyList<string> Add(ReadOnlySpan<byte> piece, TimeSpan sinceLastRead)
    {
        if ((_length > 0 || _cut) && sinceLastRead > Gap)
        {
            Dropped++;
            _length = 0;
            _cut = false;
        }
        List<string>? codes = null;
        foreach (var b in piece)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                // CRLF ends one code: the LF finds an empty line, and empty lines are no codes.
                var code = Encoding.UTF8.GetString(_code, 0, _length).Trim();
                if (code.Length >= MinLength) (codes ??= []).Add(code);
                if (_cut) Cut++;
                _length = 0;
                _cut = false;
            }
            else if (_length < MaxLength) _code[_length++] = b;
            else _cut = true;
        }
        return codes ?? (IReadOnlyList<string>)[];
    }
}
