using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// Reads the UCI Online Retail invoice lines (gzipped CSV: InvoiceNo, StockCode, Description, Quantity, InvoiceDate,
/// UnitPrice, CustomerID, Country) as purchases. Kept: lines with a CustomerID, a positive quantity and price, not on
/// a cancellation invoice (InvoiceNo starting with C), and for a product (StockCode starting with a digit: POST, M,
/// BANK CHARGES and the like are postage and fees). The data set has no categories, so an item's category is the
/// head noun of its description (see <see cref="CategoryOf"/>), a rough stand-in for a product type.
/// </summary>
public static class OnlineRetailFile
{
    // Words that describe rather than name the thing; the category is the last word of the description that is not one of them.
    private static readonly HashSet<string> Describing = new(StringComparer.Ordinal)
    {
        "RED", "PINK", "BLUE", "GREEN", "WHITE", "BLACK", "IVORY", "CREAM", "GOLD", "SILVER", "PURPLE", "ORANGE", "YELLOW", "BROWN", "GREY",
        "LARGE", "SMALL", "MINI", "JUMBO", "MEDIUM", "BIG", "SET", "DESIGN", "RETROSPOT", "POLKADOT", "SPOT", "SPOTS", "PAISLEY", "VINTAGE",
        "CHRISTMAS", "HEART", "HEARTS", "FLOWER", "FLORAL", "DOILY", "BIRD", "ROSE", "ROSES", "STRIPE", "STRIPES", "ASSORTED", "COLOUR", "COLOURS",
        "OF", "AND", "THE", "IN", "WITH", "SKULL", "SKULLS", "SPACEBOY", "DOLLY", "GIRL", "PANTRY", "REGENCY", "WOODLAND", "LOVE",
    };

    public static IReadOnlyList<Purchase> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty.");
        if (!header.StartsWith("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} does not look like the Online Retail CSV (header: {header}).");
        }
        var purchases = new List<Purchase>(400_000);
        var fields = new List<string>(8);
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            Split(line, fields);
            if (fields.Count < 8 || fields[6].Length == 0 || fields[0].StartsWith('C') || fields[1].Length == 0 || !char.IsDigit(fields[1][0]))
            {
                continue;
            }
            if (!double.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0
                || !double.TryParse(fields[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var price) || price <= 0
                || !DateTime.TryParseExact(fields[4], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                continue;
            }
            var item = fields[1];
            // An item's first description names its category, so a later reworded line does not move it.
            if (!categories.TryGetValue(item, out var category))
            {
                category = CategoryOf(fields[2]);
                categories[item] = category;
            }
            purchases.Add(new Purchase(fields[6], item, category, new DateTimeOffset(at, TimeSpan.Zero), quantity, price));
        }
        return purchases;
    }

    /// <summary>"JUMBO BAG RED RETROSPOT" → BAG, "WHITE HANGING HEART T-LIGHT HOLDERS" → HOLDER.</summary>
    public static string CategoryOf(string description)
    {
        var words = description.ToUpperInvariant().Split([' ', ',', '.', '-', '/', '\''], StringSplitOptions.RemoveEmptyEntries);
        for (int i = words.Length - 1; i >= 0; i--)
        {
            var word = words[i];
            if (word.Length >= 3 && word.All(char.IsLetter) && !Describing.Contains(word))
            {
                return word.EndsWith('S') && word.Length > 3 && !word.EndsWith("SS", StringComparison.Ordinal) ? word[..^1] : word;
            }
        }
        return "OTHER";
    }

    /// <summary>One CSV line into fields; quotes only where needed, doubled quotes inside.</summary>
    private static void Split(string line, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
    }
}
