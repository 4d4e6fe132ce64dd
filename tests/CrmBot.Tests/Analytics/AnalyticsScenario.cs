using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Storage;

namespace CrmBot.Tests.Analytics;

/// <summary>
/// A small, hand-countable history for the analytics tests: nine conversations over three days (Saturday to Monday
/// in London), two outside them, three agents, three customers. Every time is an offset from <see cref="Start"/>,
/// local midnight at the start of the Saturday; with <see cref="DaylightSavingEnd"/> the Sunday is the day the clocks
/// go back, so 01:30 happens twice. The expected figures in the tests are counted by hand from the table below.
///
/// | conv | channel    | customer      | starts (local)    | customer messages (intent, score, label)                               | escalations                     |
/// | K6   | directline | C2 loyal      | Sat 00:30 BST     | "hello there" greeting 0.1 neutral                                      | –                               |
/// | K1   | directline | C1 bargain    | Sat 09:10 BST     | track_order -0.2 neutral; track_order -0.7 negative                     | –                               |
/// | K2   | directline | C2 loyal      | Sat 10:00 BST     | track_order -0.6 negative; contact_human_agent -0.1 neutral             | E1 CustomerRequest orders, A1   |
/// | K3   | msteams    | C3 Vip        | Sun 01:30 BST     | get_refund -0.9 angry; get_refund -0.75 negative                        | E2 NegativeSentiment returns, A2|
/// | K4   | msteams    | guest         | Sun 01:30 GMT     | get_refund 0.8 positive                                                  | –                               |
/// | K9   | directline | C3 Vip        | Mon 09:00 GMT     | payment_issue -0.55 negative                                             | E6 VipComplaint billing, A2     |
/// | K5   | directline | C1 bargain    | Mon 14:00 GMT     | payment_issue -0.65 negative; payment_issue -0.5 negative               | E3 RepeatedFallback billing, A1; E4 CustomerRequest billing, none |
/// | K8   | directline | guest         | Sun 11:00 GMT     | (none: the customer never wrote)                                         | –                               |
/// | K7   | directline | C2 loyal      | Tue 00:30 GMT     | track_order -0.9 angry (outside the period)                             | E5 NegativeSentiment orders, A2 |
///
/// Product suggestions (strategy: shown, pressed): K1 personal-blend 3, 1; K2 popular 3, 0; K3 personal-blend 2, 2 (the
/// same product shown twice in K3 counts twice); K7 personal-blend 3, 3 (outside the period).
/// </summary>
public sealed class AnalyticsScenario
{
    /// <summary>Local midnight starting Saturday 26 October 2024 in London (BST, UTC+1); the clocks go back on Sunday 27th.</summary>
    public static readonly DateTimeOffset DaylightSavingEnd = new(2024, 10, 26, 0, 0, 0, TimeSpan.FromHours(1));

    public static readonly DateOnly Saturday = new(2024, 10, 26);
    public static readonly DateOnly Monday = new(2024, 10, 28);

    private readonly DateTimeOffset start;
    private readonly string tag;

    public AnalyticsScenario(DateTimeOffset start, string tag = "analytics")
    {
        this.start = start.ToUniversalTime();
        this.tag = tag;
    }

    public DateTimeOffset Start => start;
    public Agent Priya { get; private set; } = null!;
    public Agent Tom { get; private set; } = null!;
    public Agent Idle { get; private set; } = null!;
    public Customer Bargain { get; private set; } = null!;
    public Customer Loyal { get; private set; } = null!;
    public Customer Vip { get; private set; } = null!;

    public async Task AddToAsync(CrmDbContext db, CancellationToken ct = default)
    {
        Priya = Agent("Priya Analytics");
        Tom = Agent("Tom Analytics");
        Idle = Agent("Idle Analytics");
        Bargain = Customer("Cara", CustomerTier.Gold, "bargain-hunters");
        Loyal = Customer("Lou", CustomerTier.Standard, "loyal");
        Vip = Customer("Vic", CustomerTier.Vip, null);
        db.AddRange(Priya, Tom, Idle, Bargain, Loyal, Vip);
        await db.SaveChangesAsync(ct);

        var k6 = Conversation(db, "directline", Loyal, At(0, 30));
        Say(db, k6, At(0, 30), "hello there", "greeting", 0.1, "neutral");

        var k1 = Conversation(db, "directline", Bargain, At(9, 10));
        Say(db, k1, At(9, 10), "where is my order BW-123456", "track_order", -0.2, "neutral");
        Say(db, k1, At(9, 12), "still not arrived, this is ridiculous", "track_order", -0.7, "negative");

        var k2 = Conversation(db, "directline", Loyal, At(10, 0));
        Say(db, k2, At(10, 0), "my parcel still not arrived", "track_order", -0.6, "negative");
        Say(db, k2, At(10, 5), "I want to talk to a person", "contact_human_agent", -0.1, "neutral");
        Escalate(db, k2, EscalationReason.CustomerRequest, "orders", At(10, 5), Priya, waitSeconds: 120, handleSeconds: 600, "solved", csat: 4);
        Write(db, k2, Priya, At(10, 8), "Hi, I'm Priya, let me check.");
        Write(db, k2, Priya, At(10, 15), "It arrives tomorrow.");

        var k3 = Conversation(db, "msteams", Vip, At(25, 30));
        Say(db, k3, At(25, 30), "the refund is late and nobody answers", "get_refund", -0.9, "angry");
        Say(db, k3, At(25, 35), "where is my refund, this is a joke", "get_refund", -0.75, "negative");
        Escalate(db, k3, EscalationReason.NegativeSentiment, "returns", At(25, 36), Tom, waitSeconds: 600, handleSeconds: 1800, "handed-back", csat: null);

        var k4 = Conversation(db, "msteams", null, At(26, 30));
        Say(db, k4, At(26, 30), "thanks, great service", "get_refund", 0.8, "positive");

        Conversation(db, "directline", null, At(36, 0));

        var k9 = Conversation(db, "directline", Vip, At(58, 0));
        Say(db, k9, At(58, 0), "card declined, charged twice", "payment_issue", -0.55, "negative");
        Escalate(db, k9, EscalationReason.VipComplaint, "billing", At(58, 1), Tom, waitSeconds: 120, handleSeconds: 600, "solved", csat: null);
        Write(db, k9, Tom, At(58, 4), "Sorry about that, refunding now.");

        var k5 = Conversation(db, "directline", Bargain, At(63, 0));
        Say(db, k5, At(63, 0), "I was charged twice, not happy", "payment_issue", -0.65, "negative");
        Say(db, k5, At(63, 2), "charged twice again", "payment_issue", -0.5, "negative");
        Escalate(db, k5, EscalationReason.RepeatedFallback, "billing", At(63, 3), Priya, waitSeconds: 60, handleSeconds: 1200, "refund-issued", csat: 2);
        Write(db, k5, Priya, At(63, 5), "I have refunded the second charge.");
        var abandoned = Escalate(db, k5, EscalationReason.CustomerRequest, "billing", At(63, 30), agent: null, waitSeconds: null, handleSeconds: null, disposition: null, csat: null);
        abandoned.Abandon(At(63, 45), "customer left");

        var k7 = Conversation(db, "directline", Loyal, At(73, 30));
        Say(db, k7, At(73, 30), "terrible, still nothing", "track_order", -0.9, "angry");
        Escalate(db, k7, EscalationReason.NegativeSentiment, "orders", At(73, 35), Tom, waitSeconds: 30, handleSeconds: 300, "solved", csat: 1);
        Write(db, k7, Tom, At(73, 40), "On it.");

        Suggest(db, k1, "personal-blend", At(9, 11), shown: 3, pressed: 1);
        Suggest(db, k2, "popular", At(10, 1), shown: 3, pressed: 0);
        Suggest(db, k3, "personal-blend", At(25, 31), shown: 2, pressed: 2);
        Suggest(db, k7, "personal-blend", At(73, 31), shown: 3, pressed: 3);

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The instant <paramref name="hours"/> hours and <paramref name="minutes"/> minutes after <see cref="Start"/>.</summary>
    public DateTimeOffset At(int hours, int minutes) => start.AddHours(hours).AddMinutes(minutes);

    private Agent Agent(string name) => new()
    {
        DisplayName = name,
        Email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{tag}@brightwave.example",
        Skills = "orders,returns,billing",
    };

    private Customer Customer(string firstName, CustomerTier tier, string? segment) => new()
    {
        FirstName = firstName,
        LastName = "Scenario",
        Email = $"{firstName.ToLowerInvariant()}.{tag}@example.test",
        AddressLine1 = "1 Test Street",
        City = "Leeds",
        Postcode = "LS1 1AA",
        Tier = tier,
        Segment = segment,
        CreatedAt = start.AddYears(-1),
    };

    private static void Suggest(CrmDbContext db, Conversation conversation, string strategy, DateTimeOffset at, int shown, int pressed)
    {
        for (int rank = 1; rank <= shown; rank++)
        {
            db.RecommendationEvents.Add(new RecommendationEvent
            {
                ConversationId = conversation.Id,
                CustomerId = conversation.CustomerId,
                ProductId = 1,
                Strategy = strategy,
                Rank = rank,
                ShownAt = at,
                ClickedAt = rank <= pressed ? at.AddMinutes(1) : null,
            });
        }
    }

    private Conversation Conversation(CrmDbContext db, string channel, Customer? customer, DateTimeOffset startedAt)
    {
        var conversation = new Conversation
        {
            Id = Guid.NewGuid(),
            Channel = channel,
            ChannelConversationId = $"{tag}-{Guid.NewGuid():N}",
            CustomerId = customer?.Id,
            StartedAt = startedAt,
            LastActivityAt = startedAt,
            Status = ConversationStatus.Open,
        };
        db.Conversations.Add(conversation);
        return conversation;
    }

    // A customer message and the bot's reply, which carries the message's annotations as the engine stores it.
    private static void Say(CrmDbContext db, Conversation conversation, DateTimeOffset at, string text, string intent, double score, string label)
    {
        conversation.CustomerTurns++;
        conversation.LastActivityAt = at;
        db.Interactions.Add(new Interaction
        {
            ConversationId = conversation.Id, Direction = InteractionDirection.Inbound, Author = InteractionAuthor.Customer,
            Text = text, Timestamp = at, Intent = intent, Confidence = 0.9, SentimentScore = score, SentimentLabel = label, HandledBy = "bot",
        });
        db.Interactions.Add(new Interaction
        {
            ConversationId = conversation.Id, Direction = InteractionDirection.Outbound, Author = InteractionAuthor.Bot,
            Text = "Let me look into that.", Timestamp = at.AddSeconds(1), Intent = intent, Confidence = 0.9, SentimentScore = score,
            SentimentLabel = label, HandledBy = "bot", LatencyMs = 150,
        });
    }

    private static void Write(CrmDbContext db, Conversation conversation, Agent agent, DateTimeOffset at, string text) =>
        db.Interactions.Add(new Interaction
        {
            ConversationId = conversation.Id, Direction = InteractionDirection.Outbound, Author = InteractionAuthor.Agent,
            Text = text, Timestamp = at, AgentId = agent.Id, HandledBy = "agent",
        });

    private Escalation Escalate(
        CrmDbContext db, Conversation conversation, EscalationReason reason, string queue, DateTimeOffset createdAt, Agent? agent,
        int? waitSeconds, int? handleSeconds, string? disposition, int? csat)
    {
        var escalation = Escalation.Open("ESC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), conversation.Id, conversation.CustomerId,
            reason, reason.ToString(), queue, null, 3, null, createdAt);
        if (agent is not null && waitSeconds is { } wait)
        {
            var accepted = createdAt.AddSeconds(wait);
            escalation.Accept(agent.Id, accepted);
            if (handleSeconds is { } handle)
            {
                escalation.Resolve(accepted.AddSeconds(handle), disposition ?? "solved", null);
                if (csat is { } rating)
                {
                    escalation.Rate(rating, accepted.AddSeconds(handle + 60));
                }
            }
        }
        conversation.Status = ConversationStatus.Closed;
        db.Escalations.Add(escalation);
        return escalation;
    }
}
