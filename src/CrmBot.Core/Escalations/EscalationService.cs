using System.Security.Cryptography;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Escalations;

/// <summary>Creates escalations: queue, priority, reference, and the customer-facing explanation. Stateless; a DI singleton.</summary>
public sealed class EscalationService(IOptions<EscalationOptions> options, IOptions<ConversationOptions> conversationOptions, EscalationRouter router, ILogger<EscalationService> logger)
{
    /// <summary>Queue name meaning "the queue for what the customer was talking about".</summary>
    public const string AutoQueue = "auto";

    private const string ReferenceAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<EscalationTicket> EscalateAsync(ConversationTurn turn, EscalationReason reason, string detail, string? intent, string? queue, CancellationToken ct)
    {
        var opts = options.Value;
        var existing = await turn.Db.Escalations
            .Where(e => e.ConversationId == turn.Conversation.Id && Escalation.OpenStatuses.Contains(e.Status))
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return new EscalationTicket(existing.Reference, existing.Queue, existing.Priority,
                $"You're already in the queue for our {existing.Queue} team under reference {existing.Reference}. {Availability(turn.Now, await router.StatusAsync(turn.Db, existing, ct))}");
        }
        var escalation = Escalation.Open(NewReference(), turn.Conversation.Id, turn.Customer?.Id, reason, detail,
            string.IsNullOrWhiteSpace(queue) || queue == AutoQueue ? opts.QueueFor(intent ?? turn.Conversation.Topic) : queue,
            intent, Priority(reason, turn.Customer, turn.Conversation.Sentiment), turn.Conversation.Sentiment, turn.Now);
        turn.Db.Escalations.Add(escalation);
        turn.Conversation.Status = ConversationStatus.Escalated;
        logger.LogInformation("Escalated conversation {ConversationId} to {Queue} with priority {Priority} because {Reason}",
            turn.Conversation.Id, escalation.Queue, escalation.Priority, reason);
        return new EscalationTicket(escalation.Reference, escalation.Queue, escalation.Priority,
            $"I've passed this to our {escalation.Queue} team. Your reference is {escalation.Reference}. {Availability(turn.Now, await router.StatusAsync(turn.Db, escalation, ct))}");
    }

    /// <summary>1 is most urgent. VIPs and angry or at-risk customers go first.</summary>
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
        if (customer?.ChurnRisk >= 0.6)
        {
            priority--;
        }
        return Math.Clamp(priority, 1, 4);
    }

    private string Availability(DateTimeOffset now, QueueStatus status)
    {
        var hours = options.Value.OpeningHours;
        var local = TimeZoneInfo.ConvertTime(now, FindZone(conversationOptions.Value.TimeZone));
        bool open = hours.TryGetValue(local.DayOfWeek, out var range) && TryParseRange(range, out var from, out var to)
            && TimeOnly.FromDateTime(local.DateTime) is var t && t >= from && t < to;
        return open
            ? $"{status.Describe()} A member of the team will join this chat as soon as one is free, and they'll see everything you write here."
            : "Our team is away right now (we're here Mon–Fri 8:00–20:00 and Sat 9:00–17:00, UK time). They'll pick this up as soon as they're back and reply here or by email.";
    }

    private static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static bool TryParseRange(string range, out TimeOnly from, out TimeOnly to)
    {
        from = to = default;
        var parts = range.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && TimeOnly.TryParse(parts[0], out from) && TimeOnly.TryParse(parts[1], out to);
    }

    private static string NewReference() =>
        "ESC-" + string.Create(6, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)];
            }
        });
}
