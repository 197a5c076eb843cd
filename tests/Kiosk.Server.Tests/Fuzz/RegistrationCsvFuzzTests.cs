using System.Text;
using CsCheck;
using Kiosk.Server.Attendees.Import;

namespace Kiosk.Server.Tests.Fuzz;

/// <summary>Registration exports from anywhere: the reader never throws, and what it accepts fits the database.</summary>
public sealed class RegistrationCsvFuzzTests
{
    private static readonly string[] Headers = ["ID", "Titel", "Vorname", "Nachname", "Name", "Organisation", "Kategorie", "E-Mail", "Status", "Bestellnummer", "Position", "Unbekannt"];

    /// <summary>Values people and attackers put in fields: formulas, SQL, markup, control characters, quotes, very long text.</summary>
    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Const("Müller"), Gen.Const("Groß"), Gen.Const("=HYPERLINK(\"http://x\";\"klick\")"), Gen.Const("+SUM(A1:A9)"), Gen.Const("@cmd"),
        Gen.Const("Robert'); DROP TABLE Attendees;--"), Gen.Const("<script>alert(1)</script>"), Gen.Const("a\"b\"\"c"), Gen.Const("x;y,z\tw"),
        Gen.Const("zeile\r\numbruch"), Gen.Const("\u0000\u001b@\u001dV"), Gen.Const("anna@essen.example"), Gen.Const("nicht@mail"),
        Gen.String, Gen.Char.Array[90, 300].Select(c => new string(c)));

    private static string Quote(string v) => v.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;

    private static readonly Gen<string> Files =
        Gen.Select(Gen.Int[1, Headers.Length].SelectMany(n => Gen.Shuffle(Headers, n)), Gen.Int[0, 30], Gen.Bool)
            .SelectMany((header, rows, quoteAll) => Value.Array[header.Length].Array[rows].Select(values =>
                string.Join("\r\n", new[] { string.Join(';', header) }.Concat(values.Select(r => string.Join(';', r.Select(v => quoteAll ? "\"" + v.Replace("\"", "\"\"") + "\"" : Quote(v))))))));

    private static readonly Gen<byte[]> Encoded = Files.SelectMany(text => Gen.OneOf(
        Gen.Const(Encoding.UTF8.GetBytes(text)),
        Gen.Const(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray()),
        Gen.Const(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray()),
        Gen.Const(Encoding.Latin1.GetBytes(text))));

    [Fact]
    public void Any_file_is_read_into_rows_and_rejections_and_every_row_fits_the_database() =>
        Encoded.Sample(bytes =>
        {
            var file = RegistrationCsv.Read(bytes);
            return file.Error is not null
                || file.Rows.All(r => Fits(r.FirstName, 100) && Fits(r.LastName, 100) && r.LastName.Length > 0 && Fits(r.Title, 50)
                    && Fits(r.Organization, 200) && Fits(r.Email, 254) && Fits(r.ExternalId, 100))
                && file.Rejected.All(r => r.Line > 0 && r.Reason.Length > 0);
        }, iter: 3_000);

    [Fact]
    public void Random_bytes_are_refused_or_read_without_an_exception() =>
        Gen.Byte.Array[0, 4096].Sample(bytes => RegistrationCsv.Read(bytes) is { } file && (file.Error is not null || file.Rows.Count + file.Rejected.Count >= 0), iter: 5_000);

    private static bool Fits(string? value, int max) => value is null || (value.Length <= max && !value.Any(char.IsControl));
}
