using System.Text.Json.Nodes;
using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Messages;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmBot.Core.Supervision;

/// <summary>
/// What a supervisor does from the live view: assign a conversation to an agent, take it over (a supervisor who is
/// also an agent), acknowledge an alert. Escalations change only through their own transitions; a conversation the
/// bot still has is escalated first, and the customer is told as when the bot hands over. Refusals come back as
/// <see cref="HandoffResult{T}"/> problems in words the page shows. Stateless; a DI singleton.
/// </summary>
public sealed class SupervisorActions(
    EscalationService escalations,
    EscalationRouter router,
    HandoffService handoff,
    LiveConversations live,
    ICustomerChannel channel,
    SystemReplies say,
    TimeProvider time,
    ILogger<SupervisorActions> logger)
{
    /// <summary>Why a supervisor escalated, for the agent and for reports.</summary>
    public const string SupervisorDetail = "Handed to a person by a supervisor";

    /// <summary>
    /// Offers the conversation to <paramref name="agentId"/> as the router would (they accept it in their console, or it
    /// goes back to the queue after the accept timeout). An offer to another agent not yet accepted is taken back first;
    /// a conversation an agent is already working stays with them. The supervisor's choice overrides skills, not presence
    /// or capacity: an agent who is away would lose it again at once.
    /// </summary>
    public async Task<HandoffResult<LiveConversation>> AssignAsync(CrmDbContext db, Guid conversationId, int agentId, CancellationToken ct)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
        {
            return NoConversation(conversationId);
        }
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId, ct);
        if (agent is null)
        {
            return HandoffResult<LiveConversation>.Fail(HandoffOutcome.NotFound, $"There is no agent {agentId}.");
        }
        var escalation = await OpenEscalationAsync(db, conversationId, ct);
        if (escalation is { AgentId: { } holder } && holder == agent.Id)
        {
            return await OkAsync(db, conversationId, ct);
        }
        if (Refusal(conversation, escalation) is { } refused)
        {
            return refused;
        }
        if (agent.Presence != AgentPresence.Available)
        {
            return HandoffResult<LiveConversation>.Fail(HandoffOutcome.Conflict,
                $"{agent.DisplayName} is {agent.Presence.ToString().ToLowerInvariant()}: only an available agent can be given a conversation.");
        }
        if (await EscalationRouter.LoadAsync(db, agent.Id, ct) >= agent.Capacity)
        {
            return HandoffResult<LiveConversation>.Fail(HandoffOutcome.Conflict,
                $"{agent.DisplayName} already has {agent.Capacity} conversations, their capacity.");
        }

        var now = time.GetUtcNow();
        BotMessage? notice = null;
        if (escalation is null)
        {
            (escalation, notice) = await EscalateAsync(db, conversation, now, ct);
        }
        else if (escalation.Status == EscalationStatus.Assigned)
        {
            escalation.Requeue(now, "reassigned by a supervisor");
        }
        escalation.Assign(agent.Id, now);
        if (!await TrySaveAsync(db, ct))
        {
            return Changed();
        }
        logger.LogInformation("Supervisor assigned conversation {ConversationId} ({Reference}) to agent {AgentId}", conversationId, escalation.Reference, agent.Id);
        await DeliverAsync(conversation, notice, ct);
        return await OkAsync(db, conversationId, ct);
    }

    /// <summary>
    /// The supervisor joins the conversation as the agent they also are, through the agent's own accept (skills and
    /// capacity apply). A conversation the bot has is escalated first; an offer to another agent is taken back.
    /// </summary>
    public async Task<HandoffResult<LiveConversation>> TakeOverAsync(CrmDbContext db, Agent supervisor, Guid conversationId, CancellationToken ct)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
        {
            return NoConversation(conversationId);
        }
        var escalation = await OpenEscalationAsync(db, conversationId, ct);
        if (escalation is { Status: EscalationStatus.Active } && escalation.AgentId == supervisor.Id)
        {
            return await OkAsync(db, conversationId, ct);
        }
        if (escalation is not { Status: EscalationStatus.Assigned } || escalation.AgentId != supervisor.Id)
        {
            if (Refusal(conversation, escalation) is { } refused)
            {
                return refused;
            }
            // Checked before anything changes, so a refusal leaves the conversation as it was.
            var queue = escalation?.Queue ?? escalations.QueueFor(conversation.Topic);
            if (!router.CanServe(supervisor, queue))
            {
                return HandoffResult<LiveConversation>.Fail(HandoffOutcome.Forbidden,
                    $"This conversation belongs in the {queue} queue, which is not one of your skills. Assign it to an agent who has it.");
            }
            if (await EscalationRouter.LoadAsync(db, supervisor.Id, ct) >= supervisor.Capacity)
            {
                return HandoffResult<LiveConversation>.Fail(HandoffOutcome.Conflict,
                    $"You already have {supervisor.Capacity} conversations, your capacity. Resolve or hand one back first.");
            }
            var now = time.GetUtcNow();
            BotMessage? notice = null;
            if (escalation is null)
            {
                (escalation, notice) = await EscalateAsync(db, conversation, now, ct);
            }
            else if (escalation.Status == EscalationStatus.Assigned)
            {
                escalation.Requeue(now, "taken over by a supervisor");
            }
            if (!await TrySaveAsync(db, ct))
            {
                return Changed();
            }
            await DeliverAsync(conversation, notice, ct);
        }
        var accepted = await handoff.AcceptAsync(db, supervisor, escalation.Id, ct);
        if (accepted.Outcome != HandoffOutcome.Ok)
        {
            return HandoffResult<LiveConversation>.Fail(accepted.Outcome, accepted.Problem!);
        }
        logger.LogInformation("Supervisor (agent {AgentId}) took over conversation {ConversationId} ({Reference})", supervisor.Id, conversationId, escalation.Reference);
        return await OkAsync(db, conversationId, ct);
    }

    /// <summary>Marks an alert as seen by <paramref name="supervisorName"/>; acknowledging twice keeps the first.</summary>
    public async Task<HandoffResult<LiveAlert>> AcknowledgeAsync(CrmDbContext db, int alertId, string supervisorName, CancellationToken ct)
    {
        var alert = await db.SupervisorAlerts.FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return HandoffResult<LiveAlert>.Fail(HandoffOutcome.NotFound, $"There is no alert {alertId}.");
        }
        if (alert.AcknowledgedAt is null)
        {
            alert.AcknowledgedAt = time.GetUtcNow();
            alert.AcknowledgedBy = supervisorName.Length > SupervisorAlert.MaxNameLength ? supervisorName[..SupervisorAlert.MaxNameLength] : supervisorName;
            await db.SaveChangesAsync(ct);
        }
        return HandoffResult<LiveAlert>.Ok((await live.AlertsAsync(db, [alertId], ct)).Single());
    }

    private static HandoffResult<LiveConversation>? Refusal(Conversation conversation, Escalation? escalation) =>
        conversation.Status == ConversationStatus.Closed
            ? HandoffResult<LiveConversation>.Fail(HandoffOutcome.Conflict, "This conversation is closed.")
            : escalation is { Status: EscalationStatus.Active }
                ? HandoffResult<LiveConversation>.Fail(HandoffOutcome.Conflict,
                    $"{escalation.Reference} is already with {escalation.Agent?.DisplayName ?? "an agent"}; they can hand it back or resolve it.")
                : null;

    private static Task<Escalation?> OpenEscalationAsync(CrmDbContext db, Guid conversationId, CancellationToken ct) =>
        db.Escalations.Include(e => e.Agent).Where(e => e.ConversationId == conversationId && Escalation.OpenStatuses.Contains(e.Status))
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);

    // The bot hands over as it would on its own, and says so in the customer's chat (stored like its other replies).
    private async Task<(Escalation, BotMessage)> EscalateAsync(CrmDbContext db, Conversation conversation, DateTimeOffset now, CancellationToken ct)
    {
        var customer = conversation.CustomerId is { } id ? await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        var escalation = escalations.Open(db, conversation, customer, EscalationReason.SupervisorRequest, SupervisorDetail, conversation.Topic, EscalationService.AutoQueue, now);
        conversation.DialogState = null;
        conversation.LastActivityAt = now;
        var notice = new BotMessage(say.Text(SystemReplies.EscalationOther, new JsonObject { ["ticket"] = await escalations.TicketTextAsync(db, escalation, now, ct) }), "escalation");
        db.Interactions.Add(new Interaction
        {
            ConversationId = conversation.Id,
            Direction = InteractionDirection.Outbound,
            Author = InteractionAuthor.Bot,
            Text = notice.Text,
            Timestamp = now,
            HandledBy = notice.HandledBy,
        });
        return (escalation, notice);
    }

    // Stored first; a channel that cannot take it now is logged, never a failed action.
    private async Task DeliverAsync(Conversation conversation, BotMessage? message, CancellationToken ct)
    {
        if (message is null)
        {
            return;
        }
        try
        {
            await channel.SendAsync(conversation, message, null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not tell {Channel} conversation {ConversationId} it was handed to a person", conversation.Channel, conversation.Id);
        }
    }

    private async Task<HandoffResult<LiveConversation>> OkAsync(CrmDbContext db, Guid conversationId, CancellationToken ct) =>
        HandoffResult<LiveConversation>.Ok((await live.RowAsync(db, conversationId, ct))!);

    private static HandoffResult<LiveConversation> NoConversation(Guid id) =>
        HandoffResult<LiveConversation>.Fail(HandoffOutcome.NotFound, $"There is no conversation {id}.");

    private static HandoffResult<LiveConversation> Changed() =>
        HandoffResult<LiveConversation>.Fail(HandoffOutcome.Conflict, "The conversation changed a moment ago (an agent or the router got there first); look again.");

    private static async Task<bool> TrySaveAsync(CrmDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
