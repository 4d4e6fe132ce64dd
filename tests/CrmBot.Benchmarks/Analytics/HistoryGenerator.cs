using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmBot.Benchmarks.Analytics;

/// <summary>
/// A large, plausible conversation history for timing the analytics: conversations spread over <c>days</c> days up to
/// now (busier in the day and on weekdays), each with exactly ten interactions (customer messages, bot replies and, when
/// escalated, agent messages), a fifth escalated with queues, agents, wait and handle times, dispositions and ratings.
/// Seeded, so every run builds the same store (relative to now).
/// </summary>
internal sealed class HistoryGenerator(int conversations, int days, DateTimeOffset now)
{
    private static readonly string[] Channels = ["directline", "msteams", "directline", "directline", "emulator"];
    private static readonly string[] Segments = ["bargain-hunters", "loyal", "new", "at-risk", "business"];
    private static readonly (string Intent, string Queue, string Thing, double Mood)[] Topics =
    [
        ("track_order", "orders", "order", -0.15), ("missing_parcel", "orders", "parcel", -0.5), ("cancel_order", "orders", "order", -0.1),
        ("change_shipping_address", "orders", "delivery address", 0.0), ("delivery_options", "orders", "delivery", 0.1),
        ("get_refund", "returns", "refund", -0.35), ("track_refund", "returns", "refund", -0.3), ("warranty_claim", "returns", "warranty claim", -0.3),
        ("payment_issue", "billing", "payment", -0.4), ("get_invoice", "billing", "invoice", 0.05), ("check_payment_methods", "billing", "payment", 0.1),
        ("technical_support", "technical", "headphones", -0.3), ("product_question", "technical", "laptop", 0.15), ("product_recommendation", "general", "speaker", 0.25),
        ("recover_password", "accounts", "password", -0.1), ("edit_account", "accounts", "account", 0.0), ("delete_account", "accounts", "account", -0.2),
        ("complaint", "general", "service", -0.6),
    ];
    private static readonly string[] CalmTexts =
    [
        "where is my {0}?", "can you help me with my {0} please", "I have a question about my {0}", "what's happening with the {0} for BW-{1}",
        "thanks, that answers it", "ok great, and when will the {0} be sorted", "could you check the {0} on order BW-{1}", "perfect, thank you",
    ];
    private static readonly string[] UnhappyTexts =
    [
        "my {0} still not arrived, this is ridiculous", "I was charged twice for the {0}", "nobody answers about my {0}", "the {0} arrived broken",
        "still waiting for my {0} after {2} days", "this is the third time I ask about the {0}", "worst service ever, the {0} is late again",
        "I want a refund for the {0} now", "your bot is useless, I need a person about my {0}", "not happy at all with the {0}",
    ];
    private static readonly string[] SmallTalk = ["greeting", "thanks", "contact_human_agent", "goodbye"];
    private static readonly EscalationReason[] Reasons =
        [EscalationReason.CustomerRequest, EscalationReason.NegativeSentiment, EscalationReason.RepeatedFallback, EscalationReason.VipComplaint, EscalationReason.PolicyIntent];

    private readonly Random random = new(20261206);

    public async Task WriteAsync(CrmDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var agents = await WriteAgentsAsync(db, ct);
        var customers = await WriteCustomersAsync(db, ct);
        await using var conversationWriter = await TableWriter<Conversation>.PrepareAsync(db, ct);
        await using var interactionWriter = await TableWriter<Interaction>.PrepareAsync(db, ct);
        await using var escalationWriter = await TableWriter<Escalation>.PrepareAsync(db, ct);
        long interactionId = 0;
        int escalationId = 0;
        // Written in time order, as a live store fills up: rows of one day sit together in the file.
        var starts = Enumerable.Range(0, conversations).Select(_ => StartTime()).Order().ToArray();
        for (int n = 0; n < conversations; n++)
        {
            var topic = Topics[random.Next(Topics.Length)];
            var startedAt = starts[n];
            var customer = random.NextDouble() < 0.8 ? customers[random.Next(customers.Count)] : (int?)null;
            bool escalated = random.NextDouble() < 0.2;
            var conversation = new Conversation
            {
                Id = Guid.NewGuid(),
                Channel = Channels[random.Next(Channels.Length)],
                ChannelConversationId = "bench-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CustomerId = customer,
                Status = escalated ? ConversationStatus.Closed : ConversationStatus.Open,
                StartedAt = startedAt,
                LastActivityAt = startedAt.AddMinutes(15),
                CustomerTurns = escalated ? 4 : 5,
                Topic = topic.Intent,
            };
            await conversationWriter.WriteAsync(conversation, ct);

            var at = startedAt;
            double mood = topic.Mood + (random.NextDouble() - 0.5) * 0.6;
            int customerMessages = escalated ? 4 : 5;
            for (int m = 0; m < customerMessages; m++)
            {
                at = at.AddSeconds(20 + random.Next(90));
                var intent = m > 0 && random.NextDouble() < 0.25 ? SmallTalk[random.Next(SmallTalk.Length)] : topic.Intent;
                double score = Math.Clamp(mood + (random.NextDouble() - 0.5) * 0.8, -1, 1);
                var label = score <= -0.8 ? "angry" : score <= -0.25 ? "negative" : score >= 0.3 ? "positive" : "neutral";
                var text = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    score <= -0.25 ? UnhappyTexts[random.Next(UnhappyTexts.Length)] : CalmTexts[random.Next(CalmTexts.Length)],
                    topic.Thing, random.Next(100000, 999999), 2 + random.Next(20));
                var inbound = Message(++interactionId, conversation.Id, InteractionDirection.Inbound, InteractionAuthor.Customer, text, at, intent, score, label);
                await interactionWriter.WriteAsync(inbound, ct);
                if (m < (escalated ? 3 : 5))
                {
                    var reply = Message(++interactionId, conversation.Id, InteractionDirection.Outbound, InteractionAuthor.Bot,
                        "Let me look into that for you.", at.AddSeconds(1), intent, score, label);
                    reply.ReplyToId = inbound.Id;
                    reply.LatencyMs = 40 + random.Next(400);
                    await interactionWriter.WriteAsync(reply, ct);
                }
                mood -= escalated ? 0.1 : 0;
            }
            if (escalated)
            {
                var agent = agents[random.Next(agents.Count)];
                var escalation = Escalation(++escalationId, conversation, topic.Queue, topic.Intent, at.AddSeconds(5), agent);
                await escalationWriter.WriteAsync(escalation, ct);
                var written = escalation.AcceptedAt ?? escalation.CreatedAt;
                for (int a = 0; a < 3; a++)
                {
                    written = written.AddSeconds(30 + random.Next(120));
                    var message = Message(++interactionId, conversation.Id, InteractionDirection.Outbound, InteractionAuthor.Agent,
                        "I'm sorry about that, I am checking it now.", written, null, null, null);
                    message.AgentId = escalation.AgentId ?? agent;
                    message.HandledBy = "agent";
                    await interactionWriter.WriteAsync(message, ct);
                }
            }
        }
        await transaction.CommitAsync(ct);
    }

    private async Task<List<int>> WriteAgentsAsync(CrmDbContext db, CancellationToken ct)
    {
        await using var writer = await TableWriter<Agent>.PrepareAsync(db, ct);
        var ids = new List<int>();
        for (int id = 1; id <= 20; id++)
        {
            await writer.WriteAsync(new Agent { Id = id, DisplayName = $"Agent {id:00}", Email = $"agent{id}@bench.example", Skills = "orders,returns,billing,technical,accounts" }, ct);
            ids.Add(id);
        }
        return ids;
    }

    private async Task<List<int>> WriteCustomersAsync(CrmDbContext db, CancellationToken ct)
    {
        await using var writer = await TableWriter<Customer>.PrepareAsync(db, ct);
        var ids = new List<int>();
        for (int id = 1; id <= 1000; id++)
        {
            await writer.WriteAsync(new Customer
            {
                Id = id, FirstName = "Customer", LastName = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Email = $"customer{id}@bench.example",
                AddressLine1 = "1 Bench Street", City = "Leeds", Postcode = "LS1 1AA",
                Tier = (CustomerTier)(random.NextDouble() switch { < 0.7 => 0, < 0.87 => 1, < 0.96 => 2, _ => 3 }),
                Segment = Segments[random.Next(Segments.Length)], CreatedAt = now.AddYears(-2),
            }, ct);
            ids.Add(id);
        }
        return ids;
    }

    // More conversations on weekdays and in the day (07:00–22:00 UTC) than at night.
    private DateTimeOffset StartTime()
    {
        while (true)
        {
            var at = now.AddDays(-days * random.NextDouble());
            double weight = (at.UtcDateTime.Hour is >= 7 and < 22 ? 1.0 : 0.2) * (at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0);
            if (random.NextDouble() < weight)
            {
                return at;
            }
        }
    }

    private static readonly System.Reflection.PropertyInfo EscalationId = typeof(Escalation).GetProperty(nameof(Core.Escalations.Escalation.Id))!;

    private Escalation Escalation(int id, Conversation conversation, string queue, string intent, DateTimeOffset createdAt, int agent)
    {
        double outcome = random.NextDouble();
        bool abandoned = outcome < 0.05;
        bool handedBack = !abandoned && outcome < 0.15;
        var escalation = Core.Escalations.Escalation.Open("BENCH-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), conversation.Id,
            conversation.CustomerId, Reasons[random.Next(Reasons.Length)], "benchmark", queue, intent, 1 + random.Next(4), null, createdAt);
        // Bulk writing chooses the ids the database would give.
        EscalationId.SetValue(escalation, id);
        if (abandoned)
        {
            escalation.Abandon(createdAt.AddMinutes(30), "customer left");
            return escalation;
        }
        var accepted = createdAt.AddSeconds(15 + Math.Pow(random.NextDouble(), 2) * 1200);
        var resolved = accepted.AddSeconds(120 + random.NextDouble() * 2400);
        escalation.Accept(agent, accepted);
        if (handedBack)
        {
            escalation.HandBack(resolved, null);
        }
        else
        {
            escalation.Resolve(resolved, "solved", null);
            if (random.NextDouble() >= 0.4)
            {
                escalation.Rate(random.NextDouble() switch { < 0.08 => 1, < 0.15 => 2, < 0.3 => 3, < 0.6 => 4, _ => 5 }, resolved.AddMinutes(1));
            }
        }
        return escalation;
    }

    private static Interaction Message(long id, Guid conversationId, InteractionDirection direction, InteractionAuthor author, string text,
        DateTimeOffset at, string? intent, double? score, string? label) => new()
    {
        Id = id, ConversationId = conversationId, Direction = direction, Author = author, Text = text, Timestamp = at,
        Intent = intent, Confidence = intent is null ? null : 0.9, SentimentScore = score is null ? null : Math.Round(score.Value, 4), SentimentLabel = label,
        HandledBy = author == InteractionAuthor.Customer ? "bot" : null,
    };
}
