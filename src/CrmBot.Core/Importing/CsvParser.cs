using System.Text;

namespace CrmBot.Core.Importing;

/// <summary>One record of a CSV text: its number (the header is record 1), its fields, and whether its quoting was broken.</summary>
public sealed record CsvRecord(int Number, IReadOnlyList<string> Fields, bool Malformed);

/// <summary>
/// RFC 4180 records: fields separated by the delimiter, quoted fields with doubled quotes inside and line breaks kept,
/// CRLF, LF or CR line ends. Lenient where the intent is plain and strict where it is not: a quote in the middle of an
/// unquoted field, text after a closing quote, or a quote never closed marks the record malformed, so the importer
/// reports it instead of guessing where the fields were. (CsvHelper 34's rewritten API gives no per-record handle on
/// this; the format is small enough to read here.) Blank lines are skipped. Pure.
/// </summary>
public static class CsvParser
{
    /// <summary>The delimiter of the header line: the most frequent of comma, semicolon, tab and bar outside quotes (comma on a tie).</summary>
    public static char DetectDelimiter(string text)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0, ['|'] = 0 };
        bool quoted = false;
        foreach (char c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && counts.ContainsKey(c)) counts[c]++;
        }
        return counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key == ',' ? 0 : 1).First().Key;
    }

    public static IEnumerable<CsvRecord> Read(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int number = 0, i = 0;
        bool malformed = false, quoted = false, wasQuoted = false, any = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                i++;
                continue;
            }
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                wasQuoted = false;
                any = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                if (any || field.Length > 0 || wasQuoted)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(++number, fields.ToArray(), malformed);
                }
                fields.Clear();
                field.Clear();
                malformed = wasQuoted = any = false;
            }
            else if (c == '"' && field.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = any = true;
            }
            else
            {
                // A quote inside an unquoted field, or anything but a delimiter after a closing quote.
                if (c == '"' || wasQuoted) malformed = true;
                field.Append(c);
                any = true;
            }
            i++;
        }
        if (quoted) malformed = true;
        if (any || field.Length > 0 || wasQuoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(++number, fields.ToArray(), malformed);
        }
    }
}
