using System.Globalization;
using System.Text;
using Bogus;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// How one customer writes: their habits (all lower case, no apostrophes, a typo now and then, "pls", how they type an
/// order number) are drawn once per conversation and applied to every line they send, so a conversation reads like one
/// person. Lines come from history.yaml with the conversation's order filled in.
/// </summary>
internal sealed class CustomerVoice
{
    private readonly HistoryPhrasesFile phrases;
    private readonly Randomizer random;
    private readonly Order? order;
    private readonly Product? product;
    private readonly string kind;
    private readonly DateTimeOffset start;
    private readonly bool lowerCase;
    private readonly bool noApostrophes;
    private readonly bool shortens;
    private readonly bool dropsFullStop;
    private readonly double typoRate;
    private readonly int numberStyle;
    private readonly bool namesProduct;
    private readonly int localHour;

    public CustomerVoice(HistoryPhrasesFile phrases, Randomizer random, ShopSnapshot shop, Order? order, DateTimeOffset start, int localHour, Mood mood)
    {
        this.localHour = localHour;
        this.phrases = phrases;
        this.random = random;
        this.order = order;
        this.start = start;
        Mood = mood;
        product = order?.Lines.Select(l => shop.Products.GetValueOrDefault(l.ProductId)).OfType<Product>().MaxBy(p => p.Price);
        kind = product is null ? "order" : KindOf(product);
        lowerCase = random.Bool(0.3f);
        noApostrophes = random.Bool(0.15f);
        shortens = random.Bool(0.15f);
        dropsFullStop = random.Bool(0.5f);
        // Most people type cleanly; a few slip often. Every slip is a new text for the models to read, so they stay rare.
        typoRate = random.Weighted([0.0, 0.3, 0.6], [0.9, 0.07, 0.03]);
        numberStyle = random.Number(0, 6);
        // Some name the product, most say what it is ("the laptop").
        namesProduct = random.Bool(0.4f);
    }

    public Mood Mood { get; private set; }

    /// <summary>Customers calm down once a person helps them; an unhelpful bot makes them crosser.</summary>
    public void Feel(Mood mood) => Mood = mood;

    public bool HasOrder => order is not null;

    /// <summary>The order number as the bot shows it on a suggested-action button.</summary>
    public string OrderNumberAsStored => order?.Number ?? "";

    public string? ProductName => product?.Name;

    /// <summary>The conversation's first request, in the customer's mood; without an order, only lines that need none.</summary>
    public string Opening(string scenario)
    {
        var lines = phrases.Openings[scenario].For(Mood).Where(FitsTheHour).ToList();
        var usable = order is null ? lines.Where(l => !OrderPlaceholders.Any(p => l.Contains(p, StringComparison.Ordinal))).ToList() : lines;
        if (usable.Count == 0)
        {
            usable = phrases.Openings[scenario].Calm.Where(l => !OrderPlaceholders.Any(p => l.Contains(p, StringComparison.Ordinal))).ToList();
        }
        return Say(random.Pick(usable.Count > 0 ? usable : lines));
    }

    private static readonly string[] OrderPlaceholders = ["{order}", "{kind}", "{product}", "{carrier}", "{total}", "{ago}", "{waited}", "{delivery}"];

    /// <summary>A line of the agent's, with the order filled in but none of the customer's habits.</summary>
    public string Words(string template) => Fill(template);

    /// <summary>A line from a named set in history.yaml (thanks, unhappy, yes…).</summary>
    public string Line(string set)
    {
        var lines = phrases.Line(set);
        var fitting = lines.Where(FitsTheHour).ToList();
        return Say(random.Pick(fitting.Count > 0 ? fitting : lines));
    }

    /// <summary>Nobody says "good morning" at nine in the evening.</summary>
    private bool FitsTheHour(string line) =>
        !(line.Contains("morning", StringComparison.OrdinalIgnoreCase) && localHour >= 12)
        && !(line.Contains("afternoon", StringComparison.OrdinalIgnoreCase) && localHour is < 12 or >= 18)
        && !(line.Contains("evening", StringComparison.OrdinalIgnoreCase) && localHour < 17);

    /// <summary>The order number as this customer types it, alone or in a short answer.</summary>
    public string OrderNumber() => Say(random.Pick(phrases.Line("order_number")));

    public string ReturnReason() =>
        Say(order?.ReturnReason is { } reason && phrases.ReturnReasons.TryGetValue(reason, out var words) ? random.Pick(words) : random.Pick(phrases.Line("tech_detail")));

    public string Choose(IReadOnlyList<string> lines) => Say(random.Pick(lines));

    public string Rating(int stars) =>
        random.Pick(phrases.Ratings).Replace("{n}", stars.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{stars}", string.Concat(Enumerable.Repeat("⭐", stars)), StringComparison.Ordinal);

    /// <summary>A line with the order filled in, written the way this customer writes.</summary>
    public string Say(string template) => Style(Fill(template));

    private string Fill(string template)
    {
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        var number = order is null ? "" : HistoryDialogFunctions.Typed(order.Number, numberStyle);
        var waited = order is null ? TimeSpan.Zero : start - order.PlacedAt;
        return template
            .Replace("{order}", number, StringComparison.Ordinal)
            .Replace("{kind}", kind, StringComparison.Ordinal)
            .Replace("{product}", namesProduct ? product?.Name ?? "order" : kind, StringComparison.Ordinal)
            .Replace("{carrier}", order?.Carrier ?? "the courier", StringComparison.Ordinal)
            .Replace("{total}", order is null ? "" : Formats.Money(order.Total), StringComparison.Ordinal)
            .Replace("{delivery}", order?.DeliveryMethod.ToLowerInvariant() ?? "express", StringComparison.Ordinal)
            .Replace("{ago}", Ago(waited), StringComparison.Ordinal)
            .Replace("{waited}", Waited(waited), StringComparison.Ordinal);
    }

    private static string Ago(TimeSpan waited) => waited.TotalDays switch
    {
        < 1.5 => "yesterday",
        < 4.5 => "a few days ago",
        < 8.5 => "last week",
        < 11 => "over a week ago",
        _ => "two weeks ago",
    };

    private static string Waited(TimeSpan waited) => waited.TotalDays switch
    {
        < 4.5 => "a few days",
        < 8.5 => "a week",
        < 11 => "over a week",
        _ => "two weeks",
    };

    private string KindOf(Product p)
    {
        var tag = p.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return phrases.Kinds.ByTag.TryGetValue(tag, out var byTag) ? byTag
            : phrases.Kinds.ByCategory.TryGetValue(p.CategorySlug, out var byCategory) ? byCategory : "order";
    }

    // Habits are applied in a fixed order so a line's look depends only on this customer's draws.
    private string Style(string text)
    {
        if (Mood == Mood.Angry && random.Bool(0.25f) && !text.Any(char.IsDigit)) text = text.ToUpperInvariant();
        else if (lowerCase) text = text.ToLowerInvariant();
        if (noApostrophes) text = text.Replace("'", "", StringComparison.Ordinal);
        if (shortens)
        {
            text = text.Replace("please", "pls", StringComparison.OrdinalIgnoreCase).Replace(" you ", " u ", StringComparison.OrdinalIgnoreCase);
        }
        if (dropsFullStop && text.EndsWith('.')) text = text[..^1];
        return random.Double() < typoRate ? Typo(text) : text;
    }

    /// <summary>One slip of the keyboard in one longer word: two letters swapped, one dropped or one doubled.</summary>
    private string Typo(string text)
    {
        var words = text.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 5 && words[i].All(char.IsLetter)).ToArray();
        if (candidates.Length == 0) return text;
        var index = random.ArrayElement(candidates);
        var word = new StringBuilder(words[index]);
        var at = random.Number(1, word.Length - 2);
        switch (random.Number(0, 2))
        {
            case 0:
                (word[at], word[at + 1]) = (word[at + 1], word[at]);
                break;
            case 1:
                word.Remove(at, 1);
                break;
            default:
                word.Insert(at, word[at]);
                break;
        }
        words[index] = word.ToString();
        return string.Join(' ', words);
    }
}
