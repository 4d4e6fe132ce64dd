using System.Text.Json;
using Bogus;
using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Entities;
using CrmBot.Intelligence.Privacy;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Seeding.History;

/// <summary>
/// One past conversation, played a customer message at a time: <see cref="NextMessage"/> says what the customer writes
/// next (given what the bot or agent last did), the caller has it understood by the real models together with the
/// other conversations' messages, and <see cref="ReceiveAsync"/> stores it as the engine would and adds the bot's or
/// the agent's answer. Everything is drawn from the conversation's own random sequence, so it reads the same whatever
/// the other conversations did.
/// </summary>
internal sealed partial class SimulatedConversation
{
    private const int MaxCustomerMessages = 14;
    private const int MaxReactions = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HistoryWorld world;
    private readonly ConversationPlan plan;
    private readonly Randomizer random;
    private readonly CustomerVoice voice;
    private readonly HistoryTurn turn;
    private readonly Dictionary<string, int> asked = new(StringComparer.Ordinal);
    private readonly List<double> sentiments = [];

    private Stage stage = Stage.Opening;
    private Outcome last = Outcome.None;
    private DateTimeOffset clock;
    private bool greetFirst;
    private int sent;
    private int reactions;
    private bool rephrased;
    private CleanInput? pending;
    private HistoryEscalation? escalation;

    public SimulatedConversation(HistoryWorld world, ConversationPlan plan)
    {
        this.world = world;
        this.plan = plan;
        random = new Randomizer(plan.Seed);
        // Without an order of its own, a signed-in customer's words can still mention their latest one.
        var order = plan.Order ?? (plan.Customer is { } known ? world.Shop.OrdersOf(known.Id, plan.Start).FirstOrDefault() : null);
        voice = new CustomerVoice(world.Phrases, random, world.Shop, order, plan.Start, TimeZoneInfo.ConvertTime(plan.Start, world.Zone).Hour, plan.Mood);
        Conversation = new Conversation
        {
            Id = HistoryIds.ConversationId(plan.Start, random),
            Channel = plan.Channel,
            ChannelConversationId = HistoryIds.ChannelConversationId(plan.Channel, random),
            CustomerId = plan.Customer?.Id,
            StartedAt = plan.Start,
            LastActivityAt = plan.Start,
            Status = ConversationStatus.Open,
            Owner = ConversationOwner.Bot,
        };
        turn = new HistoryTurn(Conversation, plan.Customer, Escalate, Rate);
        clock = plan.Start;
        // A greeting-only conversation opens with its greeting; others sometimes say hello before asking.
        greetFirst = plan.Scenario.Key != "greeting" && random.Bool(0.22f);
        if (plan.Channel == HistoryPlanner.WebChat)
        {
            // Web Chat greets on joining; Teams only when the app is installed, long before.
            var welcome = world.Welcome.Welcome(plan.Customer);
            Add(new Interaction
            {
                Direction = InteractionDirection.Outbound,
                Author = InteractionAuthor.Bot,
                Text = welcome.Text,
                Timestamp = clock,
                LatencyMs = 0,
                HandledBy = welcome.HandledBy,
                Attachments = Attachments(welcome),
            });
        }
    }

    private enum Stage { Opening, WithBot, AgentFirst, AgentReaction, Rating, Done }

    private enum Outcome { None, Greeted, Answered, CannotDo, Asked, Fallback, Clarify, Closed }

    public ConversationPlan Plan => plan;
    public Conversation Conversation { get; }
    public List<HistoryRow> Rows { get; } = [];
    public List<HistoryEscalation> Escalations { get; } = [];
    public bool IsDone => stage == Stage.Done;

    /// <summary>When the message <see cref="NextMessage"/> returned was sent.</summary>
    public DateTimeOffset PendingAt => clock;

    /// <summary>The customer's next message, cleaned as the engine cleans input, or null when they have left.</summary>
    public CleanInput? NextMessage()
    {
        if (stage == Stage.Done || sent >= MaxCustomerMessages)
        {
            Finish();
            return null;
        }
        var text = stage switch
        {
            Stage.Opening => Opening(),
            Stage.WithBot => NextToBot(),
            Stage.AgentFirst => voice.Choose(world.Phrases.CustomerWithAgent.First.For(voice.Mood)),
            Stage.AgentReaction => ReactionToAgent(),
            Stage.Rating => escalation?.Plan.Rating is { } stars ? voice.Rating(stars) : null,
            _ => null,
        };
        var at = clock + Typing(text ?? "");
        if (text is null || at >= world.Horizon)
        {
            Finish();
            return null;
        }
        clock = at;
        pending = InputCleaner.Clean(text, world.Conversation.MaxMessageLength);
        return pending;
    }

    /// <summary>Stores the pending message with how the models understood it, then the answer to it.</summary>
    public async Task ReceiveAsync(MessageUnderstanding understanding, CancellationToken ct)
    {
        var input = pending ?? throw new InvalidOperationException("No message is waiting to be received.");
        pending = null;
        var redaction = PiiRedactor.Redact(input.Text);
        var counters = (Conversation.CustomerTurns, Conversation.Sentiment, Conversation.ConsecutiveNegativeTurns);
        Conversation.CustomerTurns++;
        // As the engine does: the stored (rounded) scores of earlier messages, and this message's own.
        var window = sentiments.TakeLast(world.Rolling.Window - 1).Append(understanding.SentimentScore).ToList();
        Conversation.Sentiment = Math.Round(world.Rolling.Score(window), 4);
        sentiments.Add(Math.Round(understanding.SentimentScore, 4));
        Conversation.ConsecutiveNegativeTurns = world.Policy.IsNegativeTurn(understanding) ? Conversation.ConsecutiveNegativeTurns + 1 : 0;
        turn.Now = clock;
        turn.EscalatedThisTurn = false;
        turn.Functions = new HistoryDialogFunctions(world.Shop, plan.Customer, clock, EscalateFromDialog);

        var answer = await world.Responder.RespondAsync(turn, input.Text, redaction.Text, understanding, ct);
        if (answer is null)
        {
            // The bot would have started a dialog the history cannot play (product suggestions): the customer left instead.
            (Conversation.CustomerTurns, Conversation.Sentiment, Conversation.ConsecutiveNegativeTurns) = counters;
            sentiments.RemoveAt(sentiments.Count - 1);
            Finish();
            return;
        }
        sent++;
        var flags = input.Flags.Concat(redaction.Kinds.Select(k => "redacted-" + k)).ToList();
        var inbound = new Interaction
        {
            Direction = InteractionDirection.Inbound,
            Author = InteractionAuthor.Customer,
            Text = redaction.Text,
            Timestamp = clock,
            Intent = understanding.Intent,
            Confidence = Math.Round(understanding.Confidence, 4),
            SentimentScore = Math.Round(understanding.SentimentScore, 4),
            SentimentLabel = understanding.SentimentLabel,
            Entities = understanding.Entities.Count == 0 ? null : JsonSerializer.Serialize(understanding.Entities.Select(e =>
                new { type = e.Type, value = EntityTypes.Personal.Contains(e.Type) ? "[" + e.Type + "]" : e.Value }), Json),
            Flags = flags.Count > 0 ? string.Join(',', flags) : null,
            HandledBy = Conversation.Owner == ConversationOwner.Agent ? "agent" : answer.Replies.LastOrDefault()?.HandledBy ?? "bot",
        };
        Add(inbound);
        Conversation.LastActivityAt = clock;
        var latency = random.Number(90, 900);
        foreach (var reply in answer.Replies)
        {
            Add(new Interaction
            {
                Direction = InteractionDirection.Outbound,
                Author = InteractionAuthor.Bot,
                Text = reply.Text,
                Timestamp = clock.AddMilliseconds(latency),
                LatencyMs = latency,
                HandledBy = reply.HandledBy,
                Attachments = Attachments(reply),
                Intent = inbound.Intent,
                Confidence = inbound.Confidence,
                SentimentScore = inbound.SentimentScore,
                SentimentLabel = inbound.SentimentLabel,
            }, replyTo: inbound);
        }
        if (answer.Replies.Count > 0) clock = clock.AddMilliseconds(latency);
        Advance(answer, understanding);
    }

    private void Advance(HistoryReplies answer, MessageUnderstanding understanding)
    {
        switch (stage)
        {
            case Stage.Opening or Stage.WithBot when answer.Escalated:
                JoinOrLeave();
                return;
            case Stage.Opening or Stage.WithBot:
                last = Classify(answer.Replies);
                lastActions = answer.Replies.LastOrDefault()?.SuggestedActions.ToList() ?? [];
                stage = last == Outcome.Greeted && greetFirst ? Stage.Opening : Stage.WithBot;
                greetFirst = false;
                return;
            case Stage.AgentFirst:
                AgentFixes();
                return;
            case Stage.AgentReaction:
                AgentCloses();
                return;
            default:
                Finish();
                return;
        }
    }

    private string? Opening()
    {
        if (greetFirst)
        {
            return voice.Line("greeting");
        }
        return voice.Opening(plan.Scenario.Key);
    }

    private static Outcome Classify(IReadOnlyList<BotMessage> replies)
    {
        var by = replies.LastOrDefault()?.HandledBy ?? "";
        return by switch
        {
            "greeting" => Outcome.Greeted,
            "thanks" or "goodbye" or "csat" => Outcome.Closed,
            "fallback" or "knowledge" or "emoji" => Outcome.Fallback,
            "clarify" => Outcome.Clarify,
            _ when replies.LastOrDefault()?.Text.Contains("can't be cancelled", StringComparison.Ordinal) == true
                || replies.LastOrDefault()?.Text.Contains("can't be changed", StringComparison.Ordinal) == true
                || replies.LastOrDefault()?.Text.Contains("return window ended", StringComparison.Ordinal) == true => Outcome.CannotDo,
            _ => Outcome.Answered,
        };
    }

    private void Add(Interaction row, Interaction? replyTo = null)
    {
        row.ConversationId = Conversation.Id;
        Rows.Add(new HistoryRow(row, replyTo));
    }

    private static string? Attachments(BotMessage reply) =>
        reply.SuggestedActions.Count == 0 && reply.Products.Count == 0 ? null
            : JsonSerializer.Serialize(new { actions = reply.SuggestedActions, products = reply.Products }, Json);

    /// <summary>Time to read the last answer and type <paramref name="text"/>: a few seconds for "thanks", up to two minutes for a story.</summary>
    private TimeSpan Typing(string text) =>
        TimeSpan.FromSeconds(Math.Min(150, random.Double(3, 12) + text.Length * 0.22 * random.Double(0.6, 1.7)));

    private void Finish()
    {
        if (stage == Stage.Done) return;
        stage = Stage.Done;
        pending = null;
        if (escalation is { Entity.Status: EscalationStatus.Pending } waiting)
        {
            Abandon(waiting, waiting.Plan.AbandonedAt ?? clock);
        }
        else if (escalation is { Entity.Status: EscalationStatus.Active })
        {
            // The customer stopped answering the agent, who closes the chat after a while.
            Resolve(TimeSpan.FromMinutes(random.Double(2, 5)), "no-response");
        }
        // The conversation is over: nobody returns to a chat of weeks ago, so nothing is left waiting for an answer.
        Conversation.Status = ConversationStatus.Closed;
        Conversation.Owner = ConversationOwner.Bot;
        Conversation.DialogState = null;
        Conversation.CsatEscalationId = null;
    }
}

/// <summary>A row of the history and the customer message it answers, linked once both have ids.</summary>
internal sealed record HistoryRow(Interaction Row, Interaction? ReplyTo);
