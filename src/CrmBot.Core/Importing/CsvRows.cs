namespace CrmBot.Core.Importing;

/// <summary>One data row of a CSV file: its spreadsheet row number and its cells by the importer's field names.</summary>
public sealed record CsvRow(int Row, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string field] => Cells.TryGetValue(field, out var value) ? value : "";

    public bool Has(string field) => Cells.ContainsKey(field);
}

/// <summary>
/// Reads a CSV text into rows keyed by field names, recognising the many names exports give a column ("Surname",
/// "last_name", "Family name"). The delimiter is detected (comma, semicolon as European Excel writes, tab, bar). A
/// row with a broken quote is reported, not guessed at. Refuses the file when a required field has no column or it has
/// more than <see cref="MaxRows"/> rows.
/// </summary>
public static class CsvRows
{
    /// <summary>The most data rows one import takes (200,000); larger files are to be split.</summary>
    public const int MaxRows = 200_000;

    /// <summary>The longest cell the reader keeps in memory (64 KB): hostile files with a megabyte in one cell are refused at that row.</summary>
    public const int MaxCellLength = 65_536;

    public static IReadOnlyList<CsvRow> Read(string text, IReadOnlyDictionary<string, string[]> aliases, IReadOnlyList<string[]> required, ImportSummary summary)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        using var records = CsvParser.Read(text, CsvParser.DetectDelimiter(text)).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new ImportRefusedException("The file is empty.");
        }
        var header = records.Current.Fields;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            var key = Key(header[i]);
            foreach (var (field, names) in aliases)
            {
                if (!columns.ContainsKey(field) && !columns.ContainsValue(i) && names.Contains(key, StringComparer.Ordinal))
                {
                    columns[field] = i;
                }
            }
        }
        foreach (var alternatives in required)
        {
            if (!alternatives.Any(columns.ContainsKey))
            {
                throw new ImportRefusedException($"No column for {string.Join(" or ", alternatives)} (columns found: {string.Join(", ", header.Select(h => ImportText.Clean(h, out _)))}).");
            }
        }
        var rows = new List<CsvRow>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (rows.Count == MaxRows)
            {
                throw new ImportRefusedException($"The file has more than {MaxRows:N0} rows; split it.");
            }
            if (record.Malformed)
            {
                summary.Read++;
                summary.Reject(record.Number, "(row)", "the row could not be read as CSV (a stray or unclosed quote)");
                summary.Rejected++;
                continue;
            }
            if (record.Fields.Any(f => f.Length > MaxCellLength))
            {
                summary.Read++;
                summary.Reject(record.Number, "(row)", $"a cell is longer than {MaxCellLength:N0} characters");
                summary.Rejected++;
                continue;
            }
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, index) in columns)
            {
                cells[field] = index < record.Fields.Count ? record.Fields[index] : "";
            }
            rows.Add(new CsvRow(record.Number, cells));
        }
        return rows;
    }

    /// <summary>A header name reduced to letters and digits, lower-case: "E-mail Address" → "emailaddress".</summary>
    public static string Key(string header) =>
        new(ImportText.Clean(header, out _).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}
