using System.Globalization;
using System.Text;

namespace CrmBot.Supervisor;

/// <summary>
/// A table written as CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted, CRLF line
/// ends), in UTF-8 with a byte-order mark so spreadsheet programs read accents right. Numbers and dates are written
/// invariantly; text that a spreadsheet would run as a formula (starting with = + - @ or a tab) gets a leading
/// apostrophe, since phrases come from what customers typed (OWASP "CSV injection").
/// </summary>
public sealed class CsvTable(params string[] header)
{
    private readonly List<object?[]> rows = [];

    public CsvTable Add(params object?[] cells)
    {
        if (cells.Length != header.Length)
        {
            throw new ArgumentException($"A row of this table has {header.Length} cells, not {cells.Length}.", nameof(cells));
        }
        rows.Add(cells);
        return this;
    }

    public byte[] ToBytes()
    {
        var csv = new StringBuilder();
        Line(csv, header.Cast<object?>());
        foreach (var row in rows)
        {
            Line(csv, row);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Line(StringBuilder csv, IEnumerable<object?> cells)
    {
        csv.AppendJoin(',', cells.Select(Field)).Append("\r\n");
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        string text => Quoted(Defused(text)),
        double number => number.ToString("0.####", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Quoted(Defused(value.ToString() ?? "")),
    };

    private static string Defused(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quoted(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
