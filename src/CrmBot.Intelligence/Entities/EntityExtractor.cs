using System.Globalization;
using System.Text.RegularExpressions;
using CrmBot.Intelligence.Privacy;

namespace CrmBot.Intelligence.Entities;

/// <summary>
/// Finds order numbers, emails, phones, card numbers, money, dates, UK postcodes and catalogue names in a message.
/// Rules rather than a learned model: these entities have fixed shapes, and a rule is exact and explainable. Thread-safe.
/// </summary>
public sealed partial class EntityExtractor(CatalogGazetteer gazetteer)
{
    public EntityExtractor() : this(CatalogGazetteer.Empty)
    {
    }

    /// <param name="today">The customer's current date, to resolve "tomorrow" or "last friday".</param>
    public IReadOnlyList<Entity> Extract(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Entity>();
        foreach (Match m in PiiPatterns.CardCandidate().Matches(text))
        {
            if (PiiPatterns.PassesLuhn(m.ValueSpan))
            {
                found.Add(new Entity(EntityTypes.CardNumber, PiiRedactor.CardPlaceholder, m.Index, m.Length));
            }
        }
        foreach (Match m in PiiPatterns.Email().Matches(text))
        {
            found.Add(new Entity(EntityTypes.Email, m.Value.ToLowerInvariant(), m.Index, m.Length));
        }
        foreach (Match m in OrderNumber().Matches(text))
        {
            found.Add(new Entity(EntityTypes.OrderNumber, "BW-" + m.Groups["digits"].Value, m.Index, m.Length));
        }
        foreach (Match m in PiiPatterns.Phone().Matches(text))
        {
            found.Add(new Entity(EntityTypes.Phone, Regex.Replace(m.Value, @"[^\d+]", ""), m.Index, m.Length));
        }
        foreach (Match m in Postcode().Matches(text))
        {
            found.Add(new Entity(EntityTypes.Postcode, NormalizePostcode(m.Value), m.Index, m.Length));
        }
        foreach (Match m in Money().Matches(text))
        {
            var amount = m.Groups["amount"].Value.Replace(",", "", StringComparison.Ordinal);
            if (decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                found.Add(new Entity(EntityTypes.Money, value.ToString("0.00", CultureInfo.InvariantCulture), m.Index, m.Length));
            }
        }
        found.AddRange(DateRules.Find(text, today));
        found.AddRange(gazetteer.Find(text));
        return RemoveOverlaps(found);
    }

    /// <summary>UK postcodes in canonical form: upper case, one space before the inward code ("m14bt" → "M1 4BT").</summary>
    public static string NormalizePostcode(string postcode)
    {
        var compact = Regex.Replace(postcode, @"\s+", "").ToUpperInvariant();
        return compact.Length > 3 ? compact[..^3] + " " + compact[^3..] : compact;
    }

    // Earlier-found kinds win on overlap (cards before phones, emails before postcodes), then longer spans.
    private static List<Entity> RemoveOverlaps(List<Entity> found)
    {
        var kept = new List<Entity>();
        foreach (var e in found)
        {
            if (!kept.Any(k => e.Start < k.Start + k.Length && k.Start < e.Start + e.Length))
            {
                kept.Add(e);
            }
        }
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    // Customers also give the bare six digits ("it's 204817"); amounts ("£204817", "204817 pounds") and longer numbers are not order numbers.
    [GeneratedRegex(@"(?:(?:\bBW[\s-]?|#|\border(?:\s+(?:no\.?|number|num|nr|#|ref(?:erence)?))?(?:\s+is)?\s*:?\s*#?)(?<digits>\d{6})(?!\d)|(?<![\d£$€.,:/-])(?<!\d[\s.-])\b(?<digits>\d{6})\b(?![.,:/\s-]?\d)(?!\s?(?:pounds?|quid|gbp|euros?|dollars?|p\b)))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Postcode();

    [GeneratedRegex(@"(?:[£$€]\s?(?<amount>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)|(?<amount>\d+(?:\.\d{1,2})?)\s?(?:pounds?|quid|gbp|euros?|dollars?)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Money();
}
