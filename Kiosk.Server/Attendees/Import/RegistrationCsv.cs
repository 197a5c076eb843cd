using System.Text;

namespace Kiosk.Server.Attendees.Import;

/// <summary>The rows of a registration export, or why the file as a whole cannot be read.</summary>
public sealed record RegistrationFile(IReadOnlyList<RegistrationRow> Rows, IReadOnlyList<RejectedRow> Rejected, string? Error)
{
    /// <summary>Category words nobody knows (neither recognised nor chosen by the organizer), with how many rows have each; those rows are visitors.</summary>
    public IReadOnlyList<UnknownCategory> UnknownCategories => Rows.Where(r => r.UnknownCategory is not null)
        .GroupBy(r => RegistrationColumns.Key(r.UnknownCategory!)).Select(g => new UnknownCategory(g.First().UnknownCategory!, g.Count()))
        .OrderByDescending(u => u.Rows).ThenBy(u => u.Word, StringComparer.Ordinal).ToList();
}

public sealed record UnknownCategory(string Word, int Rows);

/// <summary>
/// Reads registration exports as they come from real systems and from Excel: comma, semicolon or tab;
/// UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252; quoted fields with line breaks.
/// </summary>
public static class RegistrationCsv
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static RegistrationCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static RegistrationFile Read(byte[] bytes, ImportMapping? mapping = null)
    {
        mapping ??= ImportMapping.None;
        var text = Decode(bytes);
        if (string.IsNullOrWhiteSpace(text)) return Fail("The file is empty.");

        using var records = CsvRecords.Read(text, DetectDelimiter(text)).GetEnumerator();
        if (!records.MoveNext()) return Fail("The file has no header line.");
        var header = records.Current.Fields;
        var columns = MapColumns(header, mapping);
        if (!columns.ContainsKey(RegistrationField.LastName) && !columns.ContainsKey(RegistrationField.FullName))
            return Fail($"No name column found. Expected e.g. \"Vorname\"/\"First name\" and \"Nachname\"/\"Last name\", or \"Name\". Found: {string.Join(", ", header)}.");

        var rows = new List<RegistrationRow>();
        var rejected = new List<RejectedRow>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Unterminated) { rejected.Add(RejectedRow.QuoteNotClosed(record.Line)); continue; }
            string? Field(RegistrationField f) => columns.TryGetValue(f, out var i) && i < record.Fields.Length ? Clean(record.Fields[i]) : null;
            var result = RegistrationRowParser.Parse(record.Line, Field, mapping);
            if (result.Row is { } row) rows.Add(row);
            else rejected.Add(result.Rejected!);
        }
        return new RegistrationFile(rows, rejected, null);
    }

    private static RegistrationFile Fail(string error) => new([], [], error);

    /// <summary>The header and the first <paramref name="count"/> records as they are in the file (for the preview), or null for an empty file.</summary>
    public static (string[] Header, List<string[]> Records)? Head(byte[] bytes, int count)
    {
        var text = Decode(bytes);
        if (string.IsNullOrWhiteSpace(text)) return null;
        using var records = CsvRecords.Read(text, DetectDelimiter(text)).GetEnumerator();
        if (!records.MoveNext()) return null;
        var header = records.Current.Fields.Select(h => Clean(h) ?? "").ToArray();
        var sample = new List<string[]>();
        while (sample.Count < count && records.MoveNext()) sample.Add(records.Current.Fields.Select(f => Clean(f) ?? "").ToArray());
        return (header, sample);
    }

    private static Dictionary<RegistrationField, int> MapColumns(string[] header, ImportMapping mapping)
    {
        var map = new Dictionary<RegistrationField, int>();
        for (var i = 0; i < header.Length; i++)
            if (mapping.Field(header[i]) is { } field)
                map.TryAdd(field, i); // the first column of a kind wins
        return map;
    }

    /// <summary>Trims, and removes control characters (a stray tab or NUL in a name would follow it onto the badge).</summary>
    private static string? Clean(string? value)
    {
        if (value is null) return null;
        if (value.Any(char.IsControl)) value = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        value = value.Trim();
        return value.Length == 0 ? null : value;
    }

    internal static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return StrictUtf8.GetString(bytes, 3, bytes.Length - 3);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes); // Excel's "CSV (Trennzeichen-getrennt)" on German Windows
        }
    }

    /// <summary>The delimiter that occurs most often in the header line, outside quotes.</summary>
    internal static char DetectDelimiter(string text)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && c == ',') comma++;
            else if (!quoted && c == ';') semicolon++;
            else if (!quoted && c == '\t') tab++;
        }
        if (semicolon >= comma && semicolon >= tab && semicolon > 0) return ';';
        return tab > comma ? '\t' : ',';
    }
}
