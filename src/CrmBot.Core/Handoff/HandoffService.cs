using System.Text.Json.Nodes;
using CrmBot.Core.Agents;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Handoff;

/// <summary>
/// What an agent does with a hand-off: presence, accept, reply, typing, hand back, resolve. Every change is stored
/// first (with its time on the escalation's trail), then told to the customer's channel; the consoles hear of it from
/// the save (<see cref="Events.ConversationEventPublisher"/>). Two
/// agents racing for one escalation are told apart by the store (Status is a concurrency token), not by memory.
/// Stateless; a DI singleton working on the context it is given.
/// </summary>
public sealed class HandoffService(
    EscalationRouter router,
    AgentDesk desk,
    ICustomerChannel channel,
    SystemReplies say,
    TimeProvider time,
    ILogger<HandoffService> logger)
{
    /// <summary>The longest message an agent can send in one go.</summary>
    public const int MaxMessageLength = 2000;

    public async Task SetPresenceAsync(CrmDbContext db, Agent agent, AgentPresence presence, CancellationToken ct)
    {
        if (agent.Presence == presence)
        {
            return;
        }
        agent.Presence = presence;
        agent.PresenceChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Agent {AgentId} is now {Presence}", agent.Id, presence);
        // Act at once rather than on the next router tick: an agent going away gives back what they have not accepted,
        // an agent becoming available gets work now.
        try
        {
            await router.RequeueAsync(db, ct);
            await router.AssignAsync(db, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The background pass changed the same escalations a moment earlier; its next tick finishes the job.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Accepts an escalation assigned to the agent, or takes one waiting in their queues. When the store changed under
    /// the agent's click (typically: the router assigned this very escalation to them a moment before), it looks again.
    /// </summary>
    public async Task<HandoffResult<EscalationSummary>> AcceptAsync(CrmDbContext db, Agent agent, int escalationId, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            var result = await TryAcceptAsync(db, agent, escalationId, ct);
            if (result is not null || attempt == 2)
            {
                return result ?? HandoffResult<EscalationSummary>.Fail(HandoffOutcome.Conflict, "This conversation was taken by another agent a moment ago.");
            }
            db.ChangeTracker.Clear();
            db.Attach(agent);
        }
    }

    // Null when another change won the race and the decision must be made again on fresh data.
    private async Task<HandoffResult<EscalationSummary>?> TryAcceptAsync(CrmDbContext db, Agent agent, int escalationId, CancellationToken ct)
    {
        var escalation = await db.Escalations.Include(e => e.Conversation).FirstOrDefaultAsync(e => e.Id == escalationId, ct);
        if (escalation is null)
        {
            return NotFound<EscalationSummary>(escalationId);
        }
        if (escalation.Status == EscalationStatus.Active && escalation.AgentId == agent.Id)
        {
            return HandoffResult<EscalationSummary>.Ok((await desk.SummaryAsync(db, escalationId, ct))!);
        }
        var refusal = escalation.Status switch
        {
            EscalationStatus.Assigned when escalation.AgentId == agent.Id => null,
            EscalationStatus.Pending when !router.CanServe(agent, escalation.Queue) =>
                (HandoffOutcome.Forbidden, $"{escalation.Reference} waits in the {escalation.Queue} queue, which is not one of your skills."),
            EscalationStatus.Pending when await EscalationRouter.LoadAsync(db, agent.Id, ct) >= agent.Capacity =>
                (HandoffOutcome.Conflict, $"You already have {agent.Capacity} conversations, your capacity. Resolve or hand one back first."),
            EscalationStatus.Pending => null,
            EscalationStatus.Assigned or EscalationStatus.Active => (HandoffOutcome.Conflict, $"{escalation.Reference} has been taken by another agent."),
            _ => ((HandoffOutcome, string)?)(HandoffOutcome.Conflict, $"{escalation.Reference} is already {escalation.Status.ToString().ToLowerInvariant()}."),
        };
        if (refusal is { } no)
        {
            return HandoffResult<EscalationSummary>.Fail(no.Item1, no.Item2);
        }

        var now = time.GetUtcNow();
        escalation.Accept(agent.Id, now);
        var conversation = escalation.Conversation!;
        conversation.Owner = ConversationOwner.Agent;
        conversation.Status = ConversationStatus.Escalated;
        var notice = AddMessage(db, conversation, InteractionAuthor.System, say.Text(SystemReplies.AgentJoined, new JsonObject { ["agent"] = Named(agent), ["queue"] = escalation.Queue }), now, null);
        if (!await TrySaveAsync(db, ct))
        {
            return null;
        }
        logger.LogInformation("Agent {AgentId} accepted escalation {Reference} after {WaitSeconds:0} s", agent.Id, escalation.Reference, (now - escalation.CreatedAt).TotalSeconds);
        await DeliverAsync(conversation, new BotMessage(notice.Text, "handoff"), null, ct);
        return HandoffResult<EscalationSummary>.Ok((await desk.SummaryAsync(db, escalation.Id, ct))!);
    }

    public async Task<HandoffResult<SentMessage>> SendAsync(CrmDbContext db, Agent agent, int escalationId, string? text, CancellationToken ct)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxMessageLength)
        {
            return HandoffResult<SentMessage>.Fail(HandoffOutcome.Invalid, $"A message needs between 1 and {MaxMessageLength:N0} characters.");
        }
        var (escalation, refusal) = await FindActiveAsync(db, agent, escalationId, ct);
        if (escalation is null)
        {
            return HandoffResult<SentMessage>.Fail(refusal!.Value.Outcome, refusal.Value.Problem);
        }
        var now = time.GetUtcNow();
        // Stored like every message, redacted; the customer gets what the agent wrote.
        var stored = AddMessage(db, escalation.Conversation!, InteractionAuthor.Agent, PiiRedactor.Redact(trimmed).Text, now, agent.Id);
        escalation.Conversation!.LastActivityAt = now;
        await db.SaveChangesAsync(ct);
        bool delivered = await DeliverAsync(escalation.Conversation, new BotMessage(trimmed, "agent"), ChannelSender.ForAgent(agent), ct);
        return HandoffResult<SentMessage>.Ok(new SentMessage(AgentDesk.ToMessage(stored, agent.DisplayName), delivered));
    }

    public async Task<HandoffResult<bool>> TypingAsync(CrmDbContext db, Agent agent, int escalationId, CancellationToken ct)
    {
        var (escalation, refusal) = await FindActiveAsync(db, agent, escalationId, ct);
        if (escalation is null)
        {
            return HandoffResult<bool>.Fail(refusal!.Value.Outcome, refusal.Value.Problem);
        }
        try
        {
            await channel.SendTypingAsync(escalation.Conversation!, ChannelSender.ForAgent(agent), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Typing indicator for escalation {EscalationId} not delivered", escalationId);
        }
        return HandoffResult<bool>.Ok(true);
    }

    /// <summary>The agent gives the conversation back to the bot, which answers the customer's next message again.</summary>
    public Task<HandoffResult<EscalationSummary>> HandBackAsync(CrmDbContext db, Agent agent, int escalationId, string? note, CancellationToken ct) =>
        CloseAsync(db, agent, escalationId, Dispositions.HandedBack, note, ct);

    /// <summary>Resolves with a disposition and note, says goodbye for the agent and asks the customer for a 1–5 rating.</summary>
    public Task<HandoffResult<EscalationSummary>> ResolveAsync(CrmDbContext db, Agent agent, int escalationId, string? disposition, string? note, CancellationToken ct) =>
        Dispositions.IsKnown(disposition)
            ? CloseAsync(db, agent, escalationId, disposition!, note, ct)
            : Task.FromResult(HandoffResult<EscalationSummary>.Fail(HandoffOutcome.Invalid,
                $"Choose a disposition: {string.Join(", ", Dispositions.All.Select(d => d.Value))}."));

    private async Task<HandoffResult<EscalationSummary>> CloseAsync(CrmDbContext db, Agent agent, int escalationId, string disposition, string? note, CancellationToken ct)
    {
        var (escalation, refusal) = await FindActiveAsync(db, agent, escalationId, ct);
        if (escalation is null)
        {
            return HandoffResult<EscalationSummary>.Fail(refusal!.Value.Outcome, refusal.Value.Problem);
        }
        var now = time.GetUtcNow();
        bool handBack = disposition == Dispositions.HandedBack;
        var redactedNote = string.IsNullOrWhiteSpace(note) ? null : PiiRedactor.Redact(note.Trim()).Text;
        if (handBack)
        {
            escalation.HandBack(now, redactedNote);
        }
        else
        {
            escalation.Resolve(now, disposition, redactedNote);
        }

        var conversation = escalation.Conversation!;
        conversation.Owner = ConversationOwner.Bot;
        conversation.Status = ConversationStatus.Open;
        conversation.DialogState = null;
        // The bot starts afresh: what led to the hand-off must not hand the customer straight back.
        conversation.ConsecutiveFallbacks = 0;
        conversation.ConsecutiveNegativeTurns = 0;
        var farewell = AddMessage(db, conversation, InteractionAuthor.System,
            say.Text(handBack ? SystemReplies.AgentHandedBack : SystemReplies.AgentLeft, new JsonObject { ["agent"] = Named(agent) }), now, null);
        BotMessage? survey = null;
        if (!handBack)
        {
            conversation.CsatEscalationId = escalation.Id;
            survey = new BotMessage(say.Text(SystemReplies.RatingQuestion, new JsonObject { ["agent"] = Named(agent) }), "csat")
            {
                SuggestedActions = CsatRating.Choices,
            };
            AddMessage(db, conversation, InteractionAuthor.Bot, survey.Text, now, null, "csat");
        }
        if (!await TrySaveAsync(db, ct))
        {
            return HandoffResult<EscalationSummary>.Fail(HandoffOutcome.Conflict, $"{escalation.Reference} changed while you were closing it; reload it.");
        }
        logger.LogInformation("Agent {AgentId} closed escalation {Reference} as {Disposition}", agent.Id, escalation.Reference, disposition);
        await DeliverAsync(conversation, new BotMessage(farewell.Text, "handoff"), null, ct);
        if (survey is not null)
        {
            await DeliverAsync(conversation, survey, null, ct);
        }
        return HandoffResult<EscalationSummary>.Ok((await desk.SummaryAsync(db, escalation.Id, ct))!);
    }

    private async Task<(Escalation? Escalation, (HandoffOutcome Outcome, string Problem)? Refusal)> FindActiveAsync(
        CrmDbContext db, Agent agent, int escalationId, CancellationToken ct)
    {
        var escalation = await db.Escalations.Include(e => e.Conversation).FirstOrDefaultAsync(e => e.Id == escalationId, ct);
        if (escalation is null)
        {
            return (null, (HandoffOutcome.NotFound, $"There is no escalation {escalationId}."));
        }
        if (escalation.AgentId != agent.Id)
        {
            return (null, (HandoffOutcome.Conflict, $"{escalation.Reference} is not with you."));
        }
        // Only a conversation the agent has joined can be handed back or resolved: the customer is told the agent left.
        if (escalation.Status == EscalationStatus.Active)
        {
            return (escalation, null);
        }
        return (null, (HandoffOutcome.Conflict, escalation.Status == EscalationStatus.Assigned
            ? $"Accept {escalation.Reference} first."
            : $"{escalation.Reference} is {escalation.Status.ToString().ToLowerInvariant()}."));
    }

    private static Interaction AddMessage(CrmDbContext db, Conversation conversation, InteractionAuthor author, string text, DateTimeOffset at, int? agentId, string handledBy = "handoff")
    {
        var interaction = new Interaction
        {
            ConversationId = conversation.Id,
            Direction = InteractionDirection.Outbound,
            Author = author,
            Text = text,
            Timestamp = at,
            AgentId = agentId,
            HandledBy = agentId is null ? handledBy : "agent",
        };
        db.Interactions.Add(interaction);
        return interaction;
    }

    // The message is already stored: a channel that fails is logged and reported, never a lost message or a failed action.
    private async Task<bool> DeliverAsync(Conversation conversation, BotMessage message, ChannelSender? sender, CancellationToken ct)
    {
        try
        {
            return await channel.SendAsync(conversation, message, sender, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not deliver a hand-off message to {Channel} conversation {ConversationId}", conversation.Channel, conversation.Id);
            return false;
        }
    }

    private static async Task<bool> TrySaveAsync(CrmDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static HandoffResult<T> NotFound<T>(int escalationId) => HandoffResult<T>.Fail(HandoffOutcome.NotFound, $"There is no escalation {escalationId}.");

    private static JsonObject Named(Agent agent) => new() { ["name"] = agent.DisplayName, ["first_name"] = agent.DisplayName.Split(' ', 2)[0] };
}
