using System.Text;
using Kiosk.Terminal.Scanning;

namespace Kiosk.Terminal.Tests;

/// <summary>How the bytes of a serial scanner become codes: end of line, pieces, pauses, lengths.</summary>
public class ScannerLinesTests
{
    private const string Code = "KB040001VA000GU7HD7H5LKQBOGUBABD63QBGV0001";
    private static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(2);

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Cr_lf_and_crlf_each_end_exactly_one_code(string end)
    {
        var lines = new ScannerLines();
        Assert.Equal([Code, "SECOND-CODE"], [.. lines.Add(Bytes(Code + end + "SECOND-CODE" + end), Soon)]);
        Assert.Empty(lines.Add(Bytes(end), Soon));
    }

    [Fact]
    public void A_code_in_pieces_is_read_whole_once_its_end_of_line_arrives()
    {
        var lines = new ScannerLines();
        Assert.Empty(lines.Add(Bytes(Code[..10]), Soon));
        Assert.Empty(lines.Add(Bytes(Code[10..30]), Soon));
        Assert.Equal([Code], lines.Add(Bytes(Code[30..] + "\r"), Soon));
    }

    [Fact]
    public void A_half_read_followed_by_a_pause_is_dropped_and_the_next_code_is_read_alone()
    {
        var lines = new ScannerLines();
        lines.Add(Bytes("KB0400"), Soon);
        Assert.Equal([Code], lines.Add(Bytes(Code + "\r\n"), ScannerLines.Gap + TimeSpan.FromMilliseconds(1)));
        Assert.Equal(1, lines.Dropped);
    }

    [Fact]
    public void A_code_longer_than_the_maximum_keeps_only_its_start_and_the_next_code_is_whole()
    {
        var lines = new ScannerLines();
        var tooLong = new string('A', ScannerLines.MaxLength + 300);
        Assert.Equal([tooLong[..ScannerLines.MaxLength]], lines.Add(Bytes(tooLong + "\r"), Soon));
        Assert.Equal(1, lines.Cut);
        Assert.Equal([Code], lines.Add(Bytes(Code + "\r"), Soon));
    }

    [Fact]
    public void Blank_lines_and_noise_shorter_than_a_code_are_no_codes()
    {
        var lines = new ScannerLines();
        Assert.Empty(lines.Add(Bytes("\r\n\r\n  \r1234567\r"), Soon));
        Assert.Equal([Code], lines.Add(Bytes("  " + Code + " \n"), Soon));
    }
}
