namespace CrmBot.Benchmarks.Load;

/// <summary>
/// What one simulated customer types, one message per turn: a greeting, then a mix of flows (order status as a guest
/// who verifies, help-centre questions, product suggestions), then thanks. Every message is one the bot answers without
/// escalating (checked with <c>chat --debug</c>), so each turn has a reply to wait for. Deterministic per seed and index.
/// </summary>
internal static class CustomerScript
{
    /// <summary>The demo customer the guest verifies as (README); the order number is hers, so one try is enough.</summary>
    public const string VerifyEmail = "alice.morgan@example.com";

    public const string OrderQuestion = "where is my order BW-482913?";

    private static readonly string[] Greetings = ["hi", "hello", "hiya", "good morning"];
    private static readonly string[] Thanks = ["thanks", "thank you", "cheers"];

    private static readonly string[] Questions =
    [
        "how much is next day delivery?",
        "can I pay with Klarna?",
        "what is your returns policy?",
        "how long is the warranty?",
        "how long does delivery take?",
    ];

    private static readonly string[] Recommendations =
    [
        "can you recommend some headphones?",
        "recommend a good laptop",
        "which TV would you recommend?",
    ];

    /// <summary>
    /// The <paramref name="turns"/> messages of conversation <paramref name="index"/>. The order flow (question, then
    /// the email) happens at most once and only when both messages fit: a second email, or one cut off from its
    /// question, would count against the three verification tries.
    /// </summary>
    public static IReadOnlyList<string> Pick(int index, int turns, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(turns);
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var messages = new List<string>(turns) { Greetings[random.Next(Greetings.Length)] };
        var verified = false;
        // The last turn is kept for thanks.
        while (messages.Count < turns - 1)
        {
            var roll = random.Next(10);
            var room = turns - 1 - messages.Count;
            if (roll < 4 && !verified && room >= 2)
            {
                messages.Add(OrderQuestion);
                messages.Add(VerifyEmail);
                verified = true;
            }
            else if (roll < 7)
            {
                messages.Add(Questions[random.Next(Questions.Length)]);
            }
            else
            {
                messages.Add(Recommendations[random.Next(Recommendations.Length)]);
            }
        }
        if (messages.Count < turns)
        {
            messages.Add(Thanks[random.Next(Thanks.Length)]);
        }
        return messages;
    }
}
