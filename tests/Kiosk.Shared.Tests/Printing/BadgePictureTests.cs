using System.Security.Cryptography;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing;
using Kiosk.Shared.Printing.EscPos;
using Kiosk.Testing;

namespace Kiosk.Shared.Tests.Printing;

/// <summary>Which lines PC858 holds, and how a picture of a line goes to the printer and into the preview.</summary>
public sealed class BadgePictureTests
{
    private const string Token = "KB0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRSTUV0123456789ABCDEFGHIJKLMNOPQRST";

    [Theory]
    [InlineData("Müller-Lüdenscheidt")]
    [InlineData("Zoë Öztürk")]
    [InlineData("Groß & Söhne GmbH – Anstalt „öffentlichen“ Rechts")]
    [InlineData("Mu\u0308ller")] // decomposed, as some registration systems export
    [InlineData("Ömer")]
    [InlineData("Nováková-")]
    public void Names_in_PC858_and_typographic_dashes_and_quotes_are_held(string text) => Assert.True(Pc858.Holds(text), text);

    [Theory]
    [InlineData("Yılmaz")]
    [InlineData("Žaneta")]
    [InlineData("Łukasiewicz")]
    [InlineData("İlkay")]
    [InlineData("李")]
    [InlineData("محمد")]
    [InlineData("שרה")]
    [InlineData("Ελένη")]
    [InlineData("Дмитрий")]
    public void Letters_PC858_lacks_are_not_held(string text) => Assert.False(Pc858.Holds(text), text);

    [Fact]
    public void A_decomposed_umlaut_prints_as_the_umlaut() => Assert.Equal(Pc858.Encode("Müller"), Pc858.Encode("Mu\u0308ller"));

    [Fact]
    public void A_character_beyond_U_FFFF_or_a_broken_surrogate_encodes_as_one_question_mark()
    {
        Assert.Equal("A?B"u8.ToArray(), Pc858.Encode("A😀B"));
        Assert.Equal("A?B"u8.ToArray(), Pc858.Encode("A\uD800B"));
        Assert.False(Pc858.Holds("A😀B"));
    }

    /// <summary>
    /// SHA-256 of the bytes these badges had before pictures existed (48 and 42 columns): a badge whose names
    /// PC858 holds must not change by a single byte.
    /// </summary>
    [Theory]
    [InlineData(0, "A0753375419F8E199B1B5CE92A888C2017A3A3034A37EBA705F976D1F8593761", "37852C6D9DEF1540AB387E318558588AF3F158D619D31E96B40EC2B575E61CDD")]
    [InlineData(1, "B53231CA625F20FBA4C33881B2E54DE31ED414DC8BBBD352944713ED8F116F16", "BC1B20455904B9C3B94C8B1AEBEFCC837B395D0E19CB2B56CDC984D69D6A19B7")]
    [InlineData(2, "4A5AAE0CD4AB16762F1E247B53AB280011D90D84C0D65258282588141040BE94", "DBB11172F028C4DC56B3E7C33506AF342E15B12C9BB6D58A6730C8D165BFF0FE")]
    public void Badges_without_pictures_are_byte_for_byte_what_they_were(int badge, string wide, string narrow)
    {
        BadgePrint[] badges =
        [
            new("Dr.", "Anna", "Müller", "Stadt Essen", AttendeeCategory.Visitor, "dikomm 2026", Token),
            new("Prof. Dr.", "Karl-Theodor", "Müller-Lüdenscheidt", "Kommunales Rechenzentrum Minden-Ravensberg/Lippe – Anstalt öffentlichen Rechts", AttendeeCategory.Speaker, "dikomm 2026", Token, "en"),
            new(null, "Zoë", "Öztürk", "WAZ", AttendeeCategory.Press, "Zukunftskongress Staat & Verwaltung", Token),
        ];
        Assert.Equal(wide, Convert.ToHexString(SHA256.HashData(BadgeEscPos.Encode(BadgeLayout.For(badges[badge])))));
        Assert.Equal(narrow, Convert.ToHexString(SHA256.HashData(BadgeEscPos.Encode(BadgeLayout.For(badges[badge], BadgeLayout.NarrowColumns)))));
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(2, 1, 1)]
    [InlineData(1, 2, 2)]
    [InlineData(2, 2, 3)]
    public void A_picture_takes_its_lines_place_as_a_GS_v_0_image_with_its_dot_size(int dotWidth, int dotHeight, byte mode)
    {
        var line = new BadgeLine("Łukasiewicz", 3, 3, Bold: true);
        var dots = Pattern(72 / dotHeight, 160 / dotWidth);
        var layout = new BadgeLayout([new BadgeLine("dikomm 2026", Bold: true), new BadgeLinePicture(line, dots, dotWidth, dotHeight), new BadgeLine("Nováková-", 3, 3, Bold: true), new BadgeCode(Token)]);

        var bytes = BadgeEscPos.Encode(layout);
        var printed = EscPosReader.Read(bytes);

        Assert.Equal(["dikomm 2026", "image", "Nov\u00A0kov\u00A0-", "qr"], printed.Select(p => p switch
        {
            PrintedText t => t.Latin1,
            PrintedImage => "image",
            _ => "qr",
        }));
        var image = Assert.IsType<PrintedImage>(printed[1]);
        Assert.Equal((dotWidth, dotHeight), (image.DotWidth, image.DotHeight));
        Assert.True(image.SameInkAs(new PrintedImage(dots, dotWidth, dotHeight)));
        Assert.Equal(72, image.PrintedHeight);
        Assert.Equal(mode, bytes[FindRaster(bytes) + 3]);
    }

    [Fact]
    public void The_preview_shows_the_same_dots_in_the_same_place_and_names_the_line()
    {
        var line = new BadgeLine("Žaneta & <Ж>", 2, 2, Bold: true);
        var dots = Pattern(24, 96);
        var layout = new BadgeLayout([new BadgeLine("dikomm 2026", Bold: true), new BadgeLinePicture(line, dots, 2, 2), new BadgeCode(Token)]);

        var picture = Assert.Single(PreviewReader.Pictures(BadgeSvg.Render(layout)));

        Assert.Equal("Žaneta & <Ж>", picture.Text);
        Assert.True(picture.Image.SameInkAs(new PrintedImage(dots, 2, 2)));
        Assert.Equal((layout.Dots - 192) / 2, picture.Left); // centred like the printer centres it (ESC a 1)
    }

    // A pattern no two rows of which are alike, with ink to the last column.
    private static bool[,] Pattern(int rows, int columns)
    {
        var dots = new bool[rows, columns];
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < columns; x++)
                dots[y, x] = (x * 7 + y * 3) % 11 < 4 || x == columns - 1;
        return dots;
    }

    private static int FindRaster(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length - 2; i++)
            if (bytes[i] == 0x1D && bytes[i + 1] == (byte)'v' && bytes[i + 2] == (byte)'0') return i;
        return -1;
    }
}
