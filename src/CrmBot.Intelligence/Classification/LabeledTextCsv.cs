using System.Text;

namespace CrmBot.Intelligence.Classification;

/// <summary>
/// Reads labelled examples from CSV (RFC 4180: comma separated, fields optionally in double quotes,
/// <c>""</c> for a quote inside a quoted field, line breaks allowed inside quotes). The header names the
/// columns: <c>text</c>, and <c>label</c> or <c>category</c> (BANKING77's name); other columns are ignored.
/// </summary>
public static class LabeledTextCsv
{
    private static readonly string[] LabelColumns = ["label", "category"];

    /// <summary>Reads every row of the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not valid CSV or lacks a column; the message gives the line.</exception>
    public static IReadOnlyList<LabeledText> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads every row from <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    public static IReadOnlyList<LabeledText> Read(TextReader reader, string source = "CSV")
    {
        var records = new CsvRecordReader(reader, source);
        if (!records.TryRead(out var header, out _))
        {
            throw new InvalidDataException($"{source}: the file is empty; expected a header with 'text' and 'label' columns.");
        }

        var textColumn = IndexOf(header, "text");
        var labelColumn = LabelColumns.Select(name => IndexOf(header, name)).FirstOrDefault(index => index >= 0, -1);
        if (textColumn < 0 || labelColumn < 0)
        {
            throw new InvalidDataException(
                $"{source}, line 1: the header must name a 'text' column and a 'label' (or 'category') column; found: {string.Join(", ", header)}.");
        }

        var examples = new List<LabeledText>();
        while (records.TryRead(out var fields, out var line))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count != header.Count)
            {
                throw new InvalidDataException($"{source}, line {line}: expected {header.Count} fields as in the header, found {fields.Count}.");
            }

            var label = fields[labelColumn].Trim();
            if (label.Length == 0)
            {
                throw new InvalidDataException($"{source}, line {line}: the label is empty.");
            }

            examples.Add(new LabeledText(fields[textColumn], label));
        }

        return examples;
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Splits the character stream into records, tracking the physical line each record starts on.</summary>
    private sealed class CsvRecordReader(TextReader reader, string source)
    {
        private int line = 1;

        public bool TryRead(out List<string> fields, out int startLine)
        {
            fields = [];
            startLine = line;
            if (reader.Peek() < 0)
            {
                return false;
            }

            var field = new StringBuilder();
            while (true)
            {
                var c = reader.Read();
                if (c < 0 || c == '\n' || c == '\r')
                {
                    fields.Add(field.ToString());
                    EndLine(c);
                    return true;
                }

                if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    continue;
                }

                if (c == '"' && field.Length == 0)
                {
                    ReadQuoted(field, startLine);
                    var next = reader.Peek();
                    if (next >= 0 && next != ',' && next != '\n' && next != '\r')
                    {
                        throw new InvalidDataException(
                            $"{source}, line {line}: unexpected '{(char)next}' after a closing quote; a quote inside a quoted field is written \"\".");
                    }

                    continue;
                }

                if (c == '"')
                {
                    throw new InvalidDataException($"{source}, line {line}: a quote inside an unquoted field; quote the whole field and double the quote.");
                }

                field.Append((char)c);
            }
        }

        private void ReadQuoted(StringBuilder field, int startLine)
        {
            while (true)
            {
                var c = reader.Read();
                switch (c)
                {
                    case < 0:
                        throw new InvalidDataException($"{source}, line {startLine}: a quoted field is never closed.");
                    case '"' when reader.Peek() == '"':
                        reader.Read();
                        field.Append('"');
                        break;
                    case '"':
                        return;
                    case '\r':
                        if (reader.Peek() == '\n')
                        {
                            reader.Read();
                        }

                        field.Append('\n');
                        line++;
                        break;
                    case '\n':
                        field.Append('\n');
                        line++;
                        break;
                    default:
                        field.Append((char)c);
                        break;
                }
            }
        }

        private void EndLine(int c)
        {
            if (c == '\r' && reader.Peek() == '\n')
            {
                reader.Read();
            }

            line++;
        }
    }
}
