using System.Text.RegularExpressions;

namespace CrmBot.Core.Products;

/// <summary>
/// What a customer asked for when they want a suggestion, read from their own words: a budget, what it is for,
/// which kind of thing, or which product of theirs it should go with. Category words are left to the catalogue
/// (their synonyms live in the store), in <see cref="WantedText"/>, the request without the product it goes with.
/// </summary>
public sealed partial record ProductRequest
{
    public static ProductRequest Empty { get; } = new();

    public PriceLimit? Budget { get; init; }
    /// <summary>"Cheap", "on a budget": the lower price range of the category, when no amount was given.</summary>
    public bool WantsCheap { get; init; }
    public int? Age { get; init; }
    public IReadOnlyList<ProductUse> Uses { get; init; } = [];
    public IReadOnlyList<ProductKind> Kinds { get; init; } = [];
    public ComplementTarget? Complement { get; init; }
    /// <summary>The request in lower case without the words naming the product it should go with.</summary>
    public string WantedText { get; init; } = "";

    public bool HasConstraints => HasPriceOrUse || Kinds.Count > 0;

    /// <summary>A budget, "cheap" or a use: more than "which headphones?", which a category's best sellers answer.</summary>
    public bool HasPriceOrUse => Budget is not null || WantsCheap || Uses.Count > 0;

    public static ProductRequest Parse(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return Empty;
        }
        var (complement, wanted) = FindComplement(normalized);
        var budget = BudgetReader.ReadLimit(normalized);
        var age = ReadAge(normalized);
        return new ProductRequest
        {
            Budget = budget,
            WantsCheap = budget is null && BudgetReader.WantsCheap(normalized),
            Age = age,
            Uses = ProductUses.Find(wanted, age),
            Kinds = ProductKind.Find(wanted),
            Complement = complement,
            WantedText = wanted,
        };
    }

    /// <summary>
    /// A follow-up ("anything under £150?") read together with the request before it: what it says wins, the rest
    /// (what it is for, which kind, the category words) carries over. Which product it goes with never carries over.
    /// </summary>
    public ProductRequest After(ProductRequest earlier) => this with
    {
        Budget = Budget ?? (WantsCheap ? null : earlier.Budget),
        WantsCheap = WantsCheap || (Budget is null && earlier.WantsCheap),
        Age = Age ?? earlier.Age,
        Uses = [.. earlier.Uses, .. Uses.Where(u => !earlier.Uses.Contains(u))],
        Kinds = Kinds.Count > 0 ? Kinds : earlier.Kinds,
        WantedText = (earlier.WantedText + " " + WantedText).Trim(),
    };

    private static string Normalize(string? text) =>
        Spaces().Replace((text ?? "").Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"').ToLowerInvariant(), " ").Trim();

    private static (ComplementTarget? Target, string Wanted) FindComplement(string text)
    {
        foreach (var (pattern, needsProductWords) in ComplementPatterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                var determiner = m.Groups["det"].Value;
                var words = TargetWords(m.Groups["rest"].Value);
                var pronoun = words.Length == 0;
                if (pronoun && determiner is not ("it" or "this" or "that" or "them" or "those" or "these"))
                {
                    continue;
                }
                if (needsProductWords && (pronoun || !ProductWords().IsMatch(words)))
                {
                    continue;
                }
                var wanted = text.Remove(m.Index, m.Length).Insert(m.Index, " ");
                if (m.Groups["acc"].Success)
                {
                    wanted = AccessoryWord().Replace(wanted, " ");
                }
                return (new ComplementTarget(pronoun ? determiner : words, pronoun), Spaces().Replace(wanted, " ").Trim());
            }
        }
        return (null, text);
    }

    // Up to four words after "my"/"the", stopping where the sentence moves on ("…my Orion 15 like a bag or mouse").
    private static string TargetWords(string rest)
    {
        var words = new List<string>();
        foreach (var token in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (TargetStop().IsMatch(token) || words.Count == 4)
            {
                break;
            }
            if (words.Count == 0 && Fresh().IsMatch(token))
            {
                continue;
            }
            words.Add(token);
        }
        return string.Join(' ', words);
    }

    private static int? ReadAge(string text)
    {
        foreach (var pattern in (Regex[])[YearsOld(), PersonAge(), Ordinal()])
        {
            if (pattern.Match(text) is { Success: true } m && int.TryParse(m.Groups["age"].Value, out var age) && age is >= 1 and <= 110)
            {
                return age;
            }
        }
        return null;
    }

    private static readonly (Regex Pattern, bool NeedsProductWords)[] ComplementPatterns =
    [
        (GoesWith(), false),
        (AccessoriesFor(), false),
        (ForMy(), true),
    ];

    private const string Determiners = "my|me|our|his|her|their|the|it|this|that|them|those|these";
    private const string Rest = @"(?<rest>[^,.?!;:\n]*)";

    [GeneratedRegex(@"\b(?:go(?:es)?|going|work(?:s|ing)?|pair(?:s|ed)?|match(?:es)?|compatible|fits?|use)\s+(?:(?:well|nicely|best|good|great)\s+)?with\s+(?<det>" + Determiners + @")\b" + Rest)]
    private static partial Regex GoesWith();

    [GeneratedRegex(@"\b(?<acc>accessor(?:y|ies))\b[^,.?!;:\n]*?\b(?:for|with)\s+(?<det>my|me|our|his|her|their|the)\b" + Rest)]
    private static partial Regex AccessoriesFor();

    [GeneratedRegex(@"\b(?:for|with)\s+(?<det>my|me|our|his|her|their|the)\s+" + Rest)]
    private static partial Regex ForMy();

    // What makes "for my X" a product rather than a person or a place: a product word or a model name like X5 or "Orion 15".
    [GeneratedRegex(@"\b(?:laptops?|notebooks?|macbook|chromebook|computer|pc|phones?|mobile|iphone|smartphone|tablets?|ipad|kindle|tv|telly|television|consoles?|ps5|xbox|switch|cameras?|drone|watch|smartwatch|headphones|earbuds|speakers?|soundbar|monitor|bulbs?|doorbell|thermostat|plugs?|hub|router|printer)\b|\b[a-z]+\d+[a-z]*\b|\b[a-z]{3,} \d{1,3}\b(?! ?(?:-?years?|yrs?|inch|""))")]
    private static partial Regex ProductWords();

    [GeneratedRegex(@"^(?:like|such|any|anything|something|what|which|please|pls|plz|thanks|thx|cheers|for|that|to|and|or|but|so|as|is|are|do|does|would|should|could|can|i|you|too|well|with|from|in|on|at|sound-?wise|wise|suggest\w*|recommend\w*|ideas?|advice|help|now|then|[^a-z0-9]+)$")]
    private static partial Regex TargetStop();

    [GeneratedRegex(@"^(?:new|recent|current|latest|brand|old|lovely)$")]
    private static partial Regex Fresh();

    [GeneratedRegex(@"\baccessor(?:y|ies)\b")]
    private static partial Regex AccessoryWord();

    [GeneratedRegex(@"(?<![\d£$€.,])(?<age>\d{1,3})\s*(?:-\s*|\s)?(?:years?|yrs?|yo)\b")]
    private static partial Regex YearsOld();

    [GeneratedRegex(@"\b(?:he|she|they|him|her|mum|mums|mom|moms|dad|dads|da|nan|nans|gran|grans|granny|grandad|grandma|grandpa|mother|father|son|sons|daughter|daughters|wife|husband|kid|kids|twins|boy|girl|brother|sister|niece|nephew|aged?)(?:'s|'re|s|\s+is|\s+are|\s+turns?|\s+turning|\s+will\s+be)?\s+(?<age>\d{1,3})\b(?!\s*(?:inch|""|%|gb|tb|quid|pounds?|euros?|dollars?|k\b|[.,]\d))")]
    private static partial Regex PersonAge();

    [GeneratedRegex(@"'s\s+(?<age>\d{1,3})(?:st|nd|rd|th)\b|(?<![\d£$€])(?<age>\d{1,3})(?:st|nd|rd|th)\s+(?:birthday|bday)\b")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
