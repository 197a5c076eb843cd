using System.Globalization;
using System.Text;

namespace Kiosk.Server.Reports;

/// <summary>
/// CSV as German Excel opens it by double-click: UTF-8 with BOM (else umlauts break), semicolons, decimal
/// commas, RFC 4180 quoting, CRLF. Text that would start a formula gets a leading apostrophe.
/// </summary>
public static class CsvReport
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static byte[] Write(ReportTable table)
    {
        var text = new StringBuilder();
        Line(text, table.Columns.Select(c => Field(c.Header)));
        foreach (var row in table.Rows) Line(text, row.Select((value, i) => Cell(value, table.Columns[i].Kind)));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string> fields) => text.AppendJoin(';', fields).Append("\r\n");

    private static string Cell(object? value, CellKind kind) => value switch
    {
        null => "",
        string s => Field(ReportTable.LooksLikeFormula(s) ? "'" + s : s),
        double d => d.ToString("0.0", German),
        DateTime t => t.ToString(kind switch { CellKind.Time => "HH:mm", CellKind.Date => "yyyy-MM-dd", _ => "yyyy-MM-dd HH:mm" }, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Field(value.ToString() ?? ""),
    };

    private static string Field(string s) =>
        s.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}
