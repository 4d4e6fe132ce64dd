using System.Globalization;
using System.Text.Json.Nodes;
using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Intelligence.Privacy;

namespace CrmBot.Core.Seeding.History;

/// <summary>An escalation of the history with the plan of how it went.</summary>
internal sealed record HistoryEscalation(Escalation Entity, HandoffPlan Plan);

/// <summary>
/// The hand-off: the escalation is created as <see cref="EscalationService"/> creates one (queue, priority, reference,
/// trail), then an agent joins, helps and resolves as <see cref="HandoffService"/> records it, with its words, or the
/// customer gives up waiting.
/// </summary>
internal sealed partial class SimulatedConversation
{
    private Escalation Entity => escalation!.Entity;

    private Agent Agent => escalation!.Plan.Agent!;

    private string Escalate(EscalationReason reason, string detail, string? intent, string queue)
    {
        var createdAt = turn.Now;
        var options = world.Escalation;
        var chosen = string.IsNullOrWhiteSpace(queue) || queue == EscalationService.AutoQueue ? options.QueueFor(intent ?? Conversation.Topic) : queue;
        var priority = EscalationService.Priority(reason, plan.Customer, Conversation.Sentiment);
        var entity = Escalation.Open(world.NewReference(random), Conversation.Id, plan.Customer?.Id, reason, detail, chosen, intent, priority,
            Conversation.Sentiment, createdAt);
        escalation = new HistoryEscalation(entity, world.Handoff.Plan(random, createdAt, chosen, chosen, priority, voice.Mood));
        Escalations.Add(escalation);
        Conversation.Status = ConversationStatus.Escalated;
        turn.EscalatedThisTurn = true;
        turn.OpenQueue = chosen;
        turn.OpenReference = entity.Reference;
        var next = world.Handoff.IsOpen(createdAt)
            ? world.Replies.Text(SystemReplies.TeamAvailable, new JsonObject { ["place"] = new QueueStatus(1, null).Describe() })
            : world.Replies.Text(SystemReplies.TeamAway, new JsonObject { ["opening_hours"] = world.Hours.Describe() });
        return world.Replies.Text(SystemReplies.EscalationPassed, new JsonObject { ["queue"] = chosen, ["reference"] = entity.Reference, ["availability"] = next });
    }

    /// <summary>A dialog's escalate step, as the escalation plugin answers it.</summary>
    private JsonNode EscalateFromDialog(string queue, string reason, string intent)
    {
        var kind = intent == EscalationPolicy.HumanIntent ? EscalationReason.CustomerRequest : EscalationReason.PolicyIntent;
        var message = Escalate(kind, reason, string.IsNullOrEmpty(intent) ? null : intent, queue);
        return new JsonObject
        {
            ["reference"] = Entity.Reference,
            ["queue"] = Entity.Queue,
            ["priority"] = Entity.Priority,
            ["message"] = message,
        };
    }

    /// <summary>Right after the bot escalated: an agent takes the conversation when the plan says, or the customer leaves.</summary>
    private void JoinOrLeave()
    {
        var handoff = escalation!.Plan;
        if (handoff.Missed is { } missed)
        {
            Entity.Assign(missed.Agent.Id, missed.AssignedAt);
            Entity.Requeue(missed.AssignedAt + world.Escalation.AcceptTimeout, "not accepted in time");
        }
        if (handoff.AcceptedAt is not { } accepted)
        {
            Finish();
            return;
        }
        var assigned = accepted - TimeSpan.FromSeconds(random.Number(4, 40));
        if (assigned < clock) assigned = clock;
        Entity.Assign(Agent.Id, assigned);
        Entity.Accept(Agent.Id, accepted);
        Conversation.Owner = ConversationOwner.Agent;
        clock = accepted;
        System(world.Replies.Text(SystemReplies.AgentJoined, new JsonObject { ["agent"] = Named(Agent), ["queue"] = Entity.Queue }));
        AgentSays(random.Pick(world.Phrases.Agent.Openers), TimeSpan.FromSeconds(random.Number(10, 45)));
        // A person listening takes the edge off.
        voice.Feel(voice.Mood == Mood.Angry ? Mood.Annoyed : random.Bool(0.6f) ? Mood.Calm : voice.Mood);
        if (handoff.CustomerStays)
        {
            stage = Stage.AgentFirst;
            return;
        }
        // The customer went quiet while waiting: the agent writes, nobody answers.
        AgentSays(random.Pick(world.Phrases.Agent.Fixes[handoff.Disposition]), TimeSpan.FromMinutes(random.Double(1, 4)));
        Resolve(TimeSpan.FromMinutes(random.Double(2, 6)));
        Finish();
    }

    private void AgentFixes()
    {
        if (random.Bool())
        {
            AgentSays(random.Pick(world.Phrases.Agent.Checking), TimeSpan.FromSeconds(random.Number(15, 60)));
        }
        var disposition = escalation!.Plan.Disposition == Dispositions.HandedBack ? "solved" : escalation.Plan.Disposition;
        AgentSays(random.Pick(world.Phrases.Agent.Fixes[disposition]), TimeSpan.FromMinutes(random.Double(1, 5)));
        stage = Stage.AgentReaction;
    }

    private string ReactionToAgent()
    {
        var lines = world.Phrases.CustomerWithAgent;
        var pleased = escalation!.Plan.Disposition switch
        {
            "not-solved" => 0.0,
            "follow-up" => 0.4,
            _ => voice.Mood == Mood.Calm ? 0.85 : 0.6,
        };
        return voice.Choose(random.Double() < pleased ? lines.Pleased : escalation.Plan.Disposition == "not-solved" ? lines.Unhappy : lines.Grudging);
    }

    private void AgentCloses()
    {
        if (escalation!.Plan.Disposition == Dispositions.HandedBack)
        {
            AgentSays(random.Pick(world.Phrases.Agent.HandingBack), TimeSpan.FromSeconds(random.Number(15, 50)));
        }
        Resolve(TimeSpan.FromSeconds(random.Number(20, 90)));
        if (escalation.Plan.Rating is null)
        {
            Finish();
            return;
        }
        stage = Stage.Rating;
    }

    /// <summary>The agent closes the escalation: the customer is told and, unless handed back to the bot, asked for a rating.</summary>
    private void Resolve(TimeSpan after, string? disposition = null)
    {
        var at = Later(after);
        disposition ??= escalation!.Plan.Disposition;
        var handBack = disposition == Dispositions.HandedBack;
        if (handBack)
        {
            Entity.HandBack(at, null);
        }
        else
        {
            Entity.Resolve(at, disposition, null);
        }
        Conversation.Owner = ConversationOwner.Bot;
        Conversation.Status = ConversationStatus.Open;
        Conversation.ConsecutiveFallbacks = 0;
        Conversation.ConsecutiveNegativeTurns = 0;
        turn.State = new DialogState();
        if (handBack)
        {
            System(world.Replies.Text(SystemReplies.AgentHandedBack, new JsonObject { ["agent"] = Named(Agent) }));
            return;
        }
        System(world.Replies.Text(SystemReplies.AgentLeft, new JsonObject { ["agent"] = Named(Agent) }));
        Add(new Interaction
        {
            Direction = InteractionDirection.Outbound,
            Author = InteractionAuthor.Bot,
            Timestamp = clock,
            HandledBy = "csat",
            Text = world.Replies.Text(SystemReplies.RatingQuestion, new JsonObject { ["agent"] = Named(Agent) }),
        });
        turn.RatingFor = Entity;
    }

    private void Rate(Escalation rated, int rating)
    {
        rated.Rate(rating, turn.Now);
    }

    private void Abandon(HistoryEscalation waiting, DateTimeOffset at)
    {
        var when = at < clock ? clock : at >= world.Horizon ? clock : at;
        waiting.Entity.Abandon(when, "customer left before an agent joined");
    }

    private void AgentSays(string template, TimeSpan after)
    {
        var at = Later(after);
        var first = plan.Customer?.FirstName ?? "there";
        var text = voice.Words(template)
            .Replace("{first}", first, StringComparison.Ordinal)
            .Replace("{agent}", FirstName(Agent.DisplayName), StringComparison.Ordinal)
            .Replace("{queue}", Entity.Queue, StringComparison.Ordinal);
        Add(new Interaction
        {
            Direction = InteractionDirection.Outbound,
            Author = InteractionAuthor.Agent,
            Text = PiiRedactor.Redact(text).Text,
            Timestamp = at,
            AgentId = Agent.Id,
            HandledBy = "agent",
        });
        Conversation.LastActivityAt = at;
    }

    private void System(string text) => Add(new Interaction
    {
        Direction = InteractionDirection.Outbound,
        Author = InteractionAuthor.System,
        Text = text,
        Timestamp = clock,
        HandledBy = "handoff",
    });

    /// <summary>Moves the clock on, but never to the start of the seeding day or past it: the history ends before today.</summary>
    private DateTimeOffset Later(TimeSpan after)
    {
        var at = clock + after;
        clock = at < world.Horizon ? at : clock.AddSeconds((world.Horizon - clock).TotalSeconds / 2);
        return clock;
    }

    private static string FirstName(string displayName) => displayName.Split(' ', 2)[0];

    private static JsonObject Named(Agent agent) => new() { ["name"] = agent.DisplayName, ["first_name"] = FirstName(agent.DisplayName) };
}
