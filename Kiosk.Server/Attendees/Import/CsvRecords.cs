using System.Text;

namespace Kiosk.Server.Attendees.Import;

/// <summary>One CSV record and the line it starts on (1-based).</summary>
public sealed record CsvRecord(int Line, string[] Fields, bool Unterminated);

/// <summary>
/// RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks (CRLF, LF or CR).
/// A quote inside an unquoted field is kept as text, as Excel does; a quote left open at the end of the
/// file marks the record unterminated. Blank lines are skipped.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, startLine = 1, i = 0;
        bool quoted = false, fieldWasQuoted = false, recordHasContent = false;

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                if (c == '\r' || c == '\n') line++;
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { field.Append("\r\n"); i += 2; continue; }
                field.Append(c);
                i++;
                continue;
            }

            if (c == '"' && field.Length == 0 && !fieldWasQuoted) { quoted = fieldWasQuoted = recordHasContent = true; i++; continue; }
            if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); fieldWasQuoted = false; recordHasContent = true; i++; continue; }
            if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                if (recordHasContent || field.Length > 0)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(startLine, fields.ToArray(), false);
                }
                fields.Clear(); field.Clear(); fieldWasQuoted = recordHasContent = false;
                line++;
                startLine = line;
                continue;
            }
            field.Append(c);
            recordHasContent = true;
            i++;
        }

        if (recordHasContent || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(startLine, fields.ToArray(), quoted);
        }
    }
}
