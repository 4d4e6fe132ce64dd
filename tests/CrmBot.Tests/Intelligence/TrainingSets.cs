using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Intents;

namespace CrmBot.Tests.Intelligence;

/// <summary>Small synthetic data sets for model tests: a handful of phrasings per class, varied with order numbers.</summary>
internal static class TrainingSets
{
    private static readonly Dictionary<string, string[]> IntentPhrases = new()
    {
        ["track_order"] =
        [
            "where is my order {n}", "has my parcel shipped yet", "when will my package arrive", "track order {n}",
            "is my delivery on its way", "what is the status of my order", "my order {n} has not arrived yet",
            "when does my parcel get here", "can you check where order {n} is", "any news on my delivery",
        ],
        ["cancel_order"] =
        [
            "cancel my order {n}", "i want to cancel the order", "please cancel order {n}", "stop my order from being sent",
            "i do not want this order anymore, cancel it", "how do i cancel my purchase", "cancel the purchase i just made",
            "can i still cancel order {n}", "cancel it please, order {n}", "i changed my mind, cancel my order",
        ],
        ["get_refund"] =
        [
            "i want my money back", "refund me for order {n}", "how do i get a refund", "can i return this for a refund",
            "i was charged twice and want a refund", "when will i get my refund", "return and refund the item",
            "give me my money back for the broken item", "refund the payment for {n}", "i would like a refund please",
        ],
        ["greeting"] =
        [
            "hello", "hi there", "good morning", "hey", "hiya", "hello, anyone there?", "good afternoon", "hey there, hi",
            "hi!", "morning",
        ],
    };

    private static readonly string[] OutOfScopePhrases =
    [
        "what is the weather tomorrow", "tell me a joke", "who won the football last night", "what is the capital of france",
        "play some music", "how tall is mount everest", "what is two plus two", "recommend a good film to watch",
        "sing me a song", "what is the meaning of life",
    ];

    private static readonly Dictionary<string, string[]> SentimentPhrases = new()
    {
        ["negative"] =
        [
            "this is terrible", "worst service ever", "i am very angry", "not happy at all", "the product broke after a day",
            "awful experience 😡", "i hate this", "not good enough", "never ordering again", "still waiting and furious",
            "disappointed with the quality", "this is useless 😡", "you lost my parcel, unacceptable", "so annoyed right now",
            "rubbish, it does not work", "not impressed with the service",
        ],
        ["neutral"] =
        [
            "where is my order", "what time do you open", "i want to change my address", "order number {n}",
            "can i pay by card", "how do i reset my password", "what sizes do you have", "is this available in blue",
            "i need an invoice", "when does the sale end", "do you ship to ireland", "my email is different now",
            "i ordered a kettle on monday", "what is the price of the tablet", "can i collect it from a store", "please call me back",
        ],
        ["positive"] =
        [
            "thank you so much", "great service", "love it 😍", "happy with my order", "excellent quality",
            "amazing, fast delivery", "brilliant support 👍", "very pleased", "good job", "perfect, thanks",
            "wonderful experience", "i am happy with the help", "fantastic, it arrived early 😍", "really good value",
            "best shop ever 👍", "lovely, thanks a lot",
        ],
    };

    public static List<LabeledText> Intents(bool withOutOfScope = false)
    {
        var random = new Random(7);
        var examples = IntentPhrases
            .SelectMany(pair => pair.Value.Select(phrase => new LabeledText(Fill(phrase, random), pair.Key)))
            .ToList();
        if (withOutOfScope)
        {
            examples.AddRange(OutOfScopePhrases.Select(phrase => new LabeledText(phrase, IntentClassifier.OutOfScope)));
        }

        return examples;
    }

    public static List<LabeledText> Sentiment()
    {
        var random = new Random(11);
        return SentimentPhrases
            .SelectMany(pair => pair.Value.Select(phrase => new LabeledText(Fill(phrase, random), pair.Key)))
            .ToList();
    }

    private static string Fill(string phrase, Random random) =>
        phrase.Replace("{n}", $"BW-{random.Next(100_000, 999_999)}", StringComparison.Ordinal);
}
