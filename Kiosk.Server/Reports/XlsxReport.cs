using ClosedXML.Excel;

namespace Kiosk.Server.Reports;

/// <summary>
/// One sheet per table: bold frozen header, column widths, numbers as numbers and times as Excel dates.
/// Text is always written as a string value, never as a formula, whatever it starts with.
/// </summary>
public static class XlsxReport
{
    public static byte[] Write(params ReportTable[] tables)
    {
        using var book = new XLWorkbook();
        foreach (var table in tables)
        {
            var sheet = book.Worksheets.Add(table.Name);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                Text(sheet.Cell(1, c + 1), column.Header);
                sheet.Column(c + 1).Width = column.Width;
                sheet.Column(c + 1).Style.NumberFormat.Format = column.Kind switch
                {
                    CellKind.DateTime => "yyyy-mm-dd hh:mm",
                    CellKind.Date => "yyyy-mm-dd",
                    CellKind.Time => "hh:mm",
                    CellKind.Decimal => "0.0",
                    CellKind.Number => "0",
                    _ => "@",
                };
            }
            sheet.Row(1).Style.Font.Bold = true;
            sheet.SheetView.FreezeRows(1);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var cell = sheet.Cell(r + 2, c + 1);
                    switch (table.Rows[r][c])
                    {
                        case null: break;
                        case string s: Text(cell, s); break;
                        case int i: cell.SetValue(i); break;
                        case double d: cell.SetValue(d); break;
                        case DateTime t: cell.SetValue(t); break;
                        case DateOnly d: cell.SetValue(d.ToDateTime(TimeOnly.MinValue)); break;
                        case var other: Text(cell, other.ToString() ?? ""); break;
                    }
                }
            }
        }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Text(IXLCell cell, string text)
    {
        // The data type is set after the value: ClosedXML would otherwise guess (a leading "=" as a formula, digits as a number).
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (ReportTable.LooksLikeFormula(text)) cell.Style.IncludeQuotePrefix = true;
    }
}
