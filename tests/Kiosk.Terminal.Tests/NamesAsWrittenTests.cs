using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing.EscPos;
using Kiosk.Terminal.Printing;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// Imported attendees whose names the printer's code page (PC858) cannot hold, printed by a terminal to a printer on
/// a real loopback TCP port and to the virtual printer whose picture the screen shows.
/// </summary>
public sealed class NamesAsWrittenTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private const string Roster = """
        ID;Titel;Vorname;Nachname;Organisation;Kategorie;E-Mail
        N-1;;Ömer;Yılmaz;İstanbul Büyükşehir Belediyesi;Besucher;omer@ibb.example
        N-2;;Žaneta;Nováková-Łukasiewicz;Uniwersytet Łódzki;Referent;zaneta@uni-lodz.example
        N-3;;李;小龍;香港特別行政區政府;Presse;li@gov-hk.example
        N-4;;محمد;عبد الله;بلدية دبي;Besucher;m.abdullah@dubai.example
        N-5;;שרה;לוי;Stadt Essen;Aussteller;sarah.levi@essen.example
        N-6;Dr.;Anna;Müller;Stadt Essen;Besucher;anna.mueller@essen.example
        """;

    private Fair _fair = null!;
    private CapturingPrinter _printer = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server, Roster);
        _printer = new CapturingPrinter();
        var code = await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id);
        _terminal = new TerminalApp(server.BaseAddress, code, new()
        {
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = _printer.Port.ToString(),
        }).Start();
        await _terminal.ReadyAsync(attendees: 6);
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _printer.DisposeAsync();
    }

    private static void SkipWithoutFonts() =>
        Assert.SkipWhen(SKFontManager.Default.MatchFamily("Noto Sans CJK SC") is null || SKFontManager.Default.MatchFamily("Noto Sans Arabic") is null,
            "The Noto fonts (Debian fonts-noto-core, fonts-noto-cjk) are not installed; scripts/test.sh installs them.");

    [Theory]
    [InlineData("N-1", "Ömer", "Yılmaz|İstanbul Büyükşehir Belediyesi")]
    [InlineData("N-2", "Nováková-", "Žaneta|Łukasiewicz|Uniwersytet Łódzki")]
    [InlineData("N-3", "", "李|小龍|香港特別行政區政府")]
    [InlineData("N-4", "", "محمد|عبد الله|بلدية دبي")]
    [InlineData("N-5", "Stadt Essen", "שרה|לוי")]
    public async Task A_name_outside_the_code_page_arrives_at_the_printer_as_pictures_of_its_lines(string id, string text, string pictured)
    {
        SkipWithoutFonts();
        var token = await _fair.TokenAsync(id);
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(token)).Result);

        var job = await _printer.NextJobAsync();
        var printed = EscPosReader.Read(job);

        Assert.True(job.Length <= TextPictures.MaxBadgeBytes, $"{job.Length} bytes");
        var texts = printed.OfType<PrintedText>().ToList();
        Assert.All(texts, t => Assert.DoesNotContain((byte)'?', t.Bytes)); // nothing printed as "?" or "??"
        foreach (var line in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
            Assert.Contains(texts, t => t.Bytes.SequenceEqual(Pc858.Encode(line)));
        Assert.Contains(texts, t => t.Reverse && t.Latin1.Trim().Length > 0); // the category band stays text
        Assert.Equal(token, Assert.Single(printed.OfType<PrintedQr>()).Data); // and the QR code the printer's own

        // Each picture is the line as the terminal draws it: as high as the line, with ink where the text is.
        var pictures = _terminal.Services.GetRequiredService<TextPictures>();
        var images = printed.OfType<PrintedImage>().ToList();
        var names = pictured.Split('|');
        Assert.Equal(names.Length, images.Count);
        for (var i = 0; i < names.Length; i++)
        {
            var (width, height) = i < names.Length - 1 || id == "N-5" ? (3, 3) : (1, 2);
            var expected = pictures.Draw(new BadgeLine(names[i], width, height, Bold: height == 3), BadgeLayout.WideColumns * 12, width >= 2 ? 2 : 1, 2);
            Assert.True(images[i].SameInkAs(new PrintedImage(expected.Dots, expected.DotWidth, expected.DotHeight)), $"picture of {names[i]}");
            Assert.Equal(24 * height, images[i].PrintedHeight);
            Assert.InRange(images[i].Ink, 0.05, 0.6);
        }
    }

    [Fact]
    public async Task A_name_the_code_page_holds_is_still_text_only()
    {
        var job = await ScanAndPrintAsync("N-6");
        var printed = EscPosReader.Read(job);
        Assert.Empty(printed.OfType<PrintedImage>());
        Assert.Contains(printed.OfType<PrintedText>(), t => t.Bytes.SequenceEqual(Pc858.Encode("Müller")));
        Assert.True(job.Length <= 512, $"{job.Length} bytes");
    }

    [Fact]
    public async Task The_virtual_printers_picture_shows_the_same_dots_as_the_printer_gets()
    {
        SkipWithoutFonts();
        var code = await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Eingang Virtuell");
        await using var kiosk = new TerminalApp(server.BaseAddress, code).Start(); // Printer:Kind Virtual
        await kiosk.ReadyAsync(attendees: 6);

        var answer = await kiosk.ScanAsync(await _fair.TokenAsync("N-2"));
        Assert.NotNull(answer.Preview);
        var svg = await kiosk.Local.GetStringAsync(answer.Preview);
        var job = await File.ReadAllBytesAsync(Path.Combine(kiosk.DataDirectory, "prints", answer.Preview.Split('/')[^1].Replace(".svg", ".bin")));

        var shown = PreviewReader.Pictures(svg);
        var printed = EscPosReader.Read(job).OfType<PrintedImage>().ToList();
        Assert.Equal(["Žaneta", "Łukasiewicz", "Uniwersytet Łódzki"], shown.Select(p => p.Text));
        Assert.Equal(printed.Count, shown.Count);
        for (var i = 0; i < printed.Count; i++)
        {
            Assert.True(shown[i].Image.SameInkAs(printed[i]), $"{shown[i].Text}: the screen shows other dots than the printer gets");
            Assert.Equal((BadgeLayout.WideColumns * 12 - printed[i].PrintedWidth) / 2, shown[i].Left);
        }
        Assert.Contains("Nov\u00E1kov\u00E1-", svg); // the lines the code page holds are text in the picture too
    }

    private async Task<byte[]> ScanAndPrintAsync(string id)
    {
        Assert.Equal(ScanResult.Welcome, (await _terminal.ScanAsync(await _fair.TokenAsync(id))).Result);
        return await _printer.NextJobAsync();
    }
}
