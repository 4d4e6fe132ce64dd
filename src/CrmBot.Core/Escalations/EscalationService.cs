using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Turns;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Escalations;

/// <summary>Creates escalations: queue, priority, reference, and the customer-facing explanation. Stateless; a DI singleton.</summary>
public sealed class EscalationService(IOptions<EscalationOptions> options, IOptions<ConversationOptions> conversationOptions, EscalationRouter router,
    SystemReplies replies, ILogger<EscalationService> logger)
{
    private readonly OpeningHours _hours = new(options.Value.OpeningHours,
        TimeZoneInfo.TryFindSystemTimeZoneById(conversationOptions.Value.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary>Queue name meaning "the queue for what the customer was talking about".</summary>
    public const string AutoQueue = "auto";

    private const string ReferenceAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<EscalationTicket> EscalateAsync(ICustomerTurn turn, EscalationReason reason, string detail, string? intent, string? queue, CancellationToken ct)
    {
        var existing = await turn.Db.Escalations
            .Where(e => e.ConversationId == turn.ConversationId && Escalation.OpenStatuses.Contains(e.Status))
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return new EscalationTicket(existing.Reference, existing.Queue, existing.Priority, replies.Text(SystemReplies.EscalationAlreadyQueued,
                Ticket(existing, Availability(turn.Now, await router.StatusAsync(turn.Db, existing, ct)))));
        }
        // The turn's own conversation is tracked, so this finds it without a query.
        var conversation = await turn.Db.Conversations.FindAsync([turn.ConversationId], ct)
            ?? throw new InvalidOperationException($"Conversation {turn.ConversationId} is not in the store.");
        var escalation = Open(turn.Db, conversation, turn.Customer, reason, detail, intent, queue, turn.Now);
        return new EscalationTicket(escalation.Reference, escalation.Queue, escalation.Priority, await TicketTextAsync(turn.Db, escalation, turn.Now, ct));
    }

    /// <summary>
    /// Opens an escalation for a conversation the bot has (in a turn, or a supervisor handing it to people): queue,
    /// priority and reference as always. Added to <paramref name="db"/>, not saved.
    /// </summary>
    public Escalation Open(CrmDbContext db, Conversation conversation, Customer? customer, EscalationReason reason, string detail, string? intent, string? queue,
        DateTimeOffset now)
    {
        var escalation = Escalation.Open(NewReference(), conversation.Id, customer?.Id, reason, detail,
            string.IsNullOrWhiteSpace(queue) || queue == AutoQueue ? options.Value.QueueFor(intent ?? conversation.Topic) : queue,
            intent, Priority(reason, customer, conversation.Sentiment), conversation.Sentiment, now);
        db.Escalations.Add(escalation);
        conversation.Status = ConversationStatus.Escalated;
        logger.LogInformation("Escalated conversation {ConversationId} to {Queue} with priority {Priority} because {Reason}",
            conversation.Id, escalation.Queue, escalation.Priority, reason);
        return escalation;
    }

    /// <summary>The skill queue a conversation about <paramref name="intent"/> waits in.</summary>
    public string QueueFor(string? intent) => options.Value.QueueFor(intent);

    /// <summary>What the customer is told about a new escalation: the queue, the reference and when to expect someone.</summary>
    public async Task<string> TicketTextAsync(CrmDbContext db, Escalation escalation, DateTimeOffset now, CancellationToken ct) =>
        replies.Text(SystemReplies.EscalationPassed, Ticket(escalation, Availability(now, await router.StatusAsync(db, escalation, ct))));

    /// <summary>1 is most urgent. VIPs and angry customers go first, and a high churn risk moves anyone one step up.</summary>
    public static int Priority(EscalationReason reason, Customer? customer, double sentiment)
    {
        int priority = customer?.Tier switch
        {
            CustomerTier.Vip => 1,
            CustomerTier.Gold => 2,
            _ => 3,
        };
        if (reason == EscalationReason.VipComplaint)
        {
            priority = 1;
        }
        if (sentiment <= -0.5)
        {
            priority--;
        }
        if (ChurnRiskLevels.Of(customer?.ChurnRisk) == ChurnLevel.High)
        {
            priority--;
        }
        return Math.Clamp(priority, 1, 4);
    }

    private string Availability(DateTimeOffset now, QueueStatus status) =>
        _hours.IsOpen(now)
            ? replies.Text(SystemReplies.TeamAvailable, new JsonObject { ["place"] = status.Describe() })
            : replies.Text(SystemReplies.TeamAway, new JsonObject { ["opening_hours"] = _hours.Describe() });

    private static JsonObject Ticket(Escalation escalation, string availability) =>
        new() { ["queue"] = escalation.Queue, ["reference"] = escalation.Reference, ["availability"] = availability };

    private static string NewReference() =>
        "ESC-" + string.Create(6, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)];
            }
        });
}
