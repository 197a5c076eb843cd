using Kiosk.Shared.Printing.EscPos;
using static Kiosk.Shared.Printing.EscPos.EscPos;

namespace Kiosk.Shared.Tests.Printing;

/// <summary>Command bytes as the Epson ESC/POS reference defines them.</summary>
public sealed class EscPosTests
{
    public static TheoryData<string, byte[], byte[]> Commands => new()
    {
        { "ESC @", Initialize(), [0x1B, 0x40] },
        { "ESC t 19 (PC858)", CodeTable(Pc858.EscPosTable), [0x1B, 0x74, 0x13] },
        { "ESC a 1", Align(Alignment.Center), [0x1B, 0x61, 0x01] },
        { "GS ! 2x2", Size(2, 2), [0x1D, 0x21, 0x11] },
        { "GS ! 3x3", Size(3, 3), [0x1D, 0x21, 0x22] },
        { "GS ! 1x2", Size(1, 2), [0x1D, 0x21, 0x01] },
        { "ESC E 1", Bold(true), [0x1B, 0x45, 0x01] },
        { "GS B 1", Reverse(true), [0x1D, 0x42, 0x01] },
        { "ESC d 3", Feed(3), [0x1B, 0x64, 0x03] },
        { "GS V 65 0", FeedAndCut(), [0x1D, 0x56, 0x41, 0x00] },
        { "GS V 66 5", FeedAndCut(5, partial: true), [0x1D, 0x56, 0x42, 0x05] },
        { "DLE EOT 1", StatusRequest(StatusKind.Printer), [0x10, 0x04, 0x01] },
        { "DLE EOT 4", StatusRequest(StatusKind.PaperSensor), [0x10, 0x04, 0x04] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_bytes_match_the_reference(string command, byte[] actual, byte[] expected) =>
        Assert.True(expected.SequenceEqual(actual), $"{command}: {Convert.ToHexString(actual)}");

    [Fact]
    public void German_letters_and_the_euro_sign_use_their_PC858_bytes()
    {
        Assert.Equal(new byte[] { 0x84, 0x94, 0x81, 0x8E, 0x99, 0x9A, 0xE1, 0xD5 }, Pc858.Encode("äöüÄÖÜß€"));
        Assert.Equal(new byte[] { (byte)'G', (byte)'r', (byte)'o', 0xE1, (byte)'e' }, Pc858.Encode("Große"));
    }

    [Fact]
    public void Letters_outside_PC858_print_without_their_accent()
    {
        Assert.Equal("Lukasz Dabrowski Ilkay"u8.ToArray(), Pc858.Encode("Łukasz Dąbrowski İlkay"));
        Assert.Equal((byte)'?', Pc858.Encode("中")[0]);
    }

    [Fact]
    public void Control_characters_in_a_name_cannot_inject_printer_commands()
    {
        var line = Line("Anna\u001dV\u0000\u001b@Müller\r\n\u009b");
        Assert.DoesNotContain((byte)0x1D, line);
        Assert.DoesNotContain((byte)0x1B, line);
        Assert.DoesNotContain((byte)0x00, line);
        Assert.Equal(new byte[] { 0x0A }, line[^1..]);
        Assert.Single(line, b => b == 0x0A);
    }

    [Fact]
    public void Native_QR_code_stores_the_token_with_length_plus_three()
    {
        var token = "KB" + new string('A', 157);
        var qr = QrCode(token, moduleSize: 6, QrErrorCorrection.M);
        byte[] expectedStart =
        [
            0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00, // model 2
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,       // module size 6
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,       // error correction M
            0x1D, 0x28, 0x6B, 0xA2, 0x00, 0x31, 0x50, 0x30,       // store 159 + 3 = 162 bytes
        ];
        Assert.Equal(expectedStart, qr[..expectedStart.Length]);
        Assert.Equal("KB"u8.ToArray(), qr[expectedStart.Length..(expectedStart.Length + 2)]);
        Assert.Equal(new byte[] { 0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30 }, qr[^8..]);
        Assert.Equal(expectedStart.Length + 159 + 8, qr.Length);
    }

    [Fact]
    public void Raster_image_is_sent_in_bands_with_rows_packed_to_bytes()
    {
        var dots = new bool[300, 10];
        dots[0, 0] = dots[0, 9] = dots[299, 1] = true;
        var job = Raster(dots, bandRows: 240);

        Assert.Equal(new byte[] { 0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0xF0, 0x00 }, job[..8]);
        Assert.Equal(new byte[] { 0x80, 0x40 }, job[8..10]); // first row: dot 0 and dot 9
        var second = 8 + 240 * 2;
        Assert.Equal(new byte[] { 0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x3C, 0x00 }, job[second..(second + 8)]);
        Assert.Equal(new byte[] { 0x40, 0x00 }, job[^2..]); // last row: dot 1
        Assert.Equal(2 * 8 + 300 * 2, job.Length);
    }

    [Theory]
    [InlineData(0x12, 0x12, 0x12, PrinterState.Ready, false)]
    [InlineData(0x12, 0x12, 0x1E, PrinterState.Ready, true)]
    [InlineData(0x1A, 0x32, 0x72, PrinterState.PaperOut, false)]
    [InlineData(0x1A, 0x16, 0x12, PrinterState.CoverOpen, false)]
    [InlineData(0x1A, 0x12, 0x12, PrinterState.Offline, false)]
    [InlineData(0x12, 0x52, 0x12, PrinterState.Offline, false)]
    public void Status_answers_are_read_bit_by_bit(byte printer, byte cause, byte paper, PrinterState state, bool nearEnd)
    {
        var status = PrinterStatus.From(printer, cause, paper);
        Assert.Equal((state, nearEnd), (status.State, status.PaperNearEnd));
    }

    [Fact]
    public void Only_bytes_shaped_like_a_status_answer_count_as_one()
    {
        Assert.True(PrinterStatus.IsStatusByte(0x12));
        Assert.True(PrinterStatus.IsStatusByte(0x7E));
        Assert.False(PrinterStatus.IsStatusByte(0x41));
        Assert.False(PrinterStatus.IsStatusByte(0x92));
    }
}
