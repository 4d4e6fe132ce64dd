using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmBot.Core.Products;

/// <summary>
/// Finds the budget in a request ("under £400", "max 300 quid", "around €150", "between £100 and £200") and whether the
/// customer wants something cheap. A bare number only counts as money next to a budget word or a currency, so
/// "a 10 year old", "55 inch" and "4K" are never read as prices.
/// </summary>
internal static partial class BudgetReader
{
    public static PriceLimit? ReadLimit(string text)
    {
        text = SpokenAmounts(text);
        foreach (Match between in Between().Matches(text))
        {
            if (Amount(between, "a") is { } low && Amount(between, "b") is { } high && high > low
                && (HasCurrency(between, "a") || HasCurrency(between, "b") || between.Groups["kw"].Success))
            {
                return new PriceLimit(PriceLimitKind.Between, low, high, Symbol(between, "b") ?? Symbol(between, "a") ?? "£");
            }
        }
        foreach (var (pattern, kind) in Patterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                if (Amount(m, "a") is { } amount && (kind != Reading.BareAmount || HasCurrency(m, "a")))
                {
                    var limitKind = kind == Reading.Around || m.Groups["around"].Success ? PriceLimitKind.Around : PriceLimitKind.Under;
                    return new PriceLimit(limitKind, amount, null, Symbol(m, "a") ?? "£");
                }
            }
        }
        return null;
    }

    /// <summary>
    /// "cheap", "on a budget", "nothing too pricey": the lower price range of what they are looking at. Only asked when
    /// no amount was found, so "budget" alone ("best budget phone") means cheap.
    /// </summary>
    public static bool WantsCheap(string text) => Cheap().IsMatch(text) || BudgetWord().IsMatch(text);

    /// <summary>How a pattern reads its amount; a bare amount needs a currency to count.</summary>
    private enum Reading { Upper, Around, BareAmount }

    // In order: the first pattern that finds an amount decides.
    private static readonly (Regex Pattern, Reading Kind)[] Patterns =
    [
        (UpperBefore(), Reading.Upper),
        (UpperAfter(), Reading.Upper),
        (AroundBefore(), Reading.Around),
        (AroundAfter(), Reading.Around),
        (BudgetOf(), Reading.Upper),
        (BudgetAfter(), Reading.Upper),
        (AnyMoney(), Reading.BareAmount),
    ];

    private static decimal? Amount(Match m, string group)
    {
        var number = m.Groups[group + "num"];
        if (!number.Success || !decimal.TryParse(number.Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        if (m.Groups[group + "k"].Success)
        {
            value *= 1000;
        }
        return value > 0 ? value : null;
    }

    private static bool HasCurrency(Match m, string group) => m.Groups[group + "cur"].Success || m.Groups[group + "unit"].Success;

    private static string? Symbol(Match m, string group)
    {
        if (m.Groups[group + "cur"].Success)
        {
            return m.Groups[group + "cur"].Value;
        }
        return m.Groups[group + "unit"].Value switch
        {
            var u when u.StartsWith("dollar", StringComparison.Ordinal) || u is "bucks" or "usd" => "$",
            var u when u.StartsWith("euro", StringComparison.Ordinal) || u == "eur" => "€",
            "" => null,
            _ => "£",
        };
    }

    private static string SpokenAmounts(string text)
    {
        text = Grand().Replace(text, m => "£" + (m.Groups["n"].Success ? m.Groups["n"].Value : "1") + "000");
        text = Tenner().Replace(text, "£10");
        return Fiver().Replace(text, "£5");
    }

    // One amount: an optional currency, a number (1,200 or 1200.50, optionally 1.5k), an optional unit word; not when
    // the number is followed by a measurement ("55 inch", "16GB", "10 year") or is part of a word or order number.
    private const string Measures = @"(?!\s?(?:-?inch|""|”|gb|tb|mb|mp|hz|w\b|mah|mm|cm|m\b|metres?|meters?|-?years?|yrs?|yo\b|days?|weeks?|months?|hours?|mins?|minutes?|st\b|nd\b|rd\b|th\b|fps|x\b|k\s?(?:tvs?|video|hdr|screen|monitor|display|oled|qled|resolution|gaming|camera|streaming)|%|\d|[.,]\d))";
    private const string A = @"(?<![\w-])(?<acur>[£$€])?\s?(?<anum>\d{1,3}(?:,\d{3})+|\d+(?:\.\d{1,2})?)" + Measures
        + @"(?:(?<ak>k)\b(?!\s?(?:tvs?|video|hdr|screen|monitor|display|oled|qled|resolution|gaming|camera|streaming)))?" + @"(?:\s?(?<aunit>quid|pounds?|gbp|bucks|dollars?|usd|euros?|eur)\b)?";
    private const string B = @"(?<bcur>[£$€])?\s?(?<bnum>\d{1,3}(?:,\d{3})+|\d+(?:\.\d{1,2})?)(?:(?<bk>k)\b)?(?:\s?(?<bunit>quid|pounds?|gbp|bucks|dollars?|usd|euros?|eur)\b)?";

    [GeneratedRegex(@"(?:(?<kw>between|budget(?:\s+is|\s+of)?)\s+)?" + A + @"\s*(?:and|to|-|–)\s*" + B, RegexOptions.IgnoreCase)]
    private static partial Regex Between();

    [GeneratedRegex(@"\b(?:under|below|beneath|less\s+than|lower\s+than|cheaper\s+than|no\s+more\s+than|not\s+more\s+than|no\s+higher\s+than|not\s+over|no\s+over|not\s+above|max(?:imum)?|maximum\s+of|up\s*to|at\s+most|within|spend(?:ing)?(?:\s+up\s+to)?|to\s+spend\s+is)\s*(?:of\s+)?(?:a\s+)?(?:budget\s+of\s+)?" + A, RegexOptions.IgnoreCase)]
    private static partial Regex UpperBefore();

    [GeneratedRegex(A + @"\s*(?:or\s+(?:less|under|below|cheaper)|max(?:imum)?\b|tops\b|at\s+(?:the\s+)?most|limit\b|budget\s+max)", RegexOptions.IgnoreCase)]
    private static partial Regex UpperAfter();

    [GeneratedRegex(@"(?:\b(?:around|about|roughly|approx(?:imately)?|circa|in\s+the\s+region\s+of|somewhere\s+around|give\s+or\s+take)|~)\s*" + A, RegexOptions.IgnoreCase)]
    private static partial Regex AroundBefore();

    [GeneratedRegex(A + @"(?:\s*-?\s*ish\b|\s+or\s+so\b|\s+give\s+or\s+take)", RegexOptions.IgnoreCase)]
    private static partial Regex AroundAfter();

    [GeneratedRegex(@"\bbudget(?:'s|\s+is|\s+of|\s+would\s+be|\s+will\s+be|:|\s*=)?\s*(?:(?<around>around|about|roughly|approx(?:imately)?)\s*)?(?:max(?:imum)?\s*)?" + A, RegexOptions.IgnoreCase)]
    private static partial Regex BudgetOf();

    [GeneratedRegex(A + @"\s*(?:budget|to\s+spend|limit)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BudgetAfter();

    [GeneratedRegex(A, RegexOptions.IgnoreCase)]
    private static partial Regex AnyMoney();

    [GeneratedRegex(@"\b(?:cheap|cheaper|cheapest|affordable|inexpensive|low[\s-]cost|bargain|budget[\s-]friendly|tight\s+budget|on\s+a\s+(?:tight\s+|small\s+|low\s+)?budget|(?:not|nothing)\s+(?:too\s+|very\s+|that\s+|so\s+)?(?:expensive|pricey|pricy|dear|costly)|without\s+breaking\s+the\s+bank|(?:don't|dont|do\s+not)\s+want\s+to\s+spend\s+(?:much|a\s+lot|loads))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cheap();

    [GeneratedRegex(@"\bbudget\b", RegexOptions.IgnoreCase)]
    private static partial Regex BudgetWord();

    [GeneratedRegex(@"\b(?:a\s+|(?<n>\d{1,2})\s*)grand\b", RegexOptions.IgnoreCase)]
    private static partial Regex Grand();

    [GeneratedRegex(@"\b(?:a\s+)?tenner\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tenner();

    [GeneratedRegex(@"\b(?:a\s+)?fiver\b", RegexOptions.IgnoreCase)]
    private static partial Regex Fiver();
}
