using CrmBot.Core.Conversations;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Sentiment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Supervision;

/// <summary>What changed in the alerts of one batch of conversations: alerts raised, and conversations whose alert cleared.</summary>
public sealed record AlertChanges(IReadOnlyList<SupervisorAlert> Raised, IReadOnlyList<Guid> Cleared)
{
    public static readonly AlertChanges None = new([], []);
}

/// <summary>
/// Applies the <see cref="SentimentAlertRule"/> after customer messages were stored and keeps the alerts in the store.
/// Called after the save that stored the messages, which for one conversation happen one turn at a time. Stateless; a singleton.
/// </summary>
public sealed class SentimentWatch(IOptions<SupervisorOptions> options, IOptions<ConversationOptions> conversationOptions, TimeProvider time,
    ILogger<SentimentWatch> logger)
{
    private readonly SentimentAlertRule _rule = new(options.Value, new ConversationSentiment(conversationOptions.Value.SentimentWindow));

    public async Task<AlertChanges> CheckAsync(CrmDbContext db, IReadOnlyCollection<(Guid ConversationId, long InteractionId)> customerMessages, CancellationToken ct)
    {
        if (customerMessages.Count == 0)
        {
            return AlertChanges.None;
        }
        var raised = new List<SupervisorAlert>();
        var cleared = new List<Guid>();
        var now = time.GetUtcNow();
        foreach (var (conversationId, interactionId) in customerMessages.GroupBy(m => m.ConversationId).Select(g => (g.Key, g.Max(m => m.InteractionId))))
        {
            var scores = await db.Interactions.AsNoTracking()
                .Where(i => i.ConversationId == conversationId && i.Author == InteractionAuthor.Customer && i.SentimentScore != null && i.Id <= interactionId)
                .OrderByDescending(i => i.Id).Take(_rule.ScoresNeeded).Select(i => i.SentimentScore!.Value).ToListAsync(ct);
            scores.Reverse();
            var outstanding = await db.SupervisorAlerts.Where(a => a.ConversationId == conversationId && a.ClearedAt == null).ToListAsync(ct);
            var decision = _rule.Decide(scores, outstanding.Count > 0);
            switch (decision.Verdict)
            {
                case AlertVerdict.Raise:
                    var alert = new SupervisorAlert
                    {
                        ConversationId = conversationId, Kind = decision.Kind, Sentiment = decision.Sentiment, Drop = decision.Drop,
                        RaisedAt = now, InteractionId = interactionId,
                    };
                    db.SupervisorAlerts.Add(alert);
                    raised.Add(alert);
                    logger.LogInformation("Supervisor alert for conversation {ConversationId}: {Kind}, sentiment {Sentiment:0.00}, drop {Drop:0.00}",
                        conversationId, decision.Kind, decision.Sentiment, decision.Drop);
                    break;
                case AlertVerdict.Clear:
                    outstanding.ForEach(a => a.ClearedAt = now);
                    cleared.Add(conversationId);
                    break;
            }
        }
        if (raised.Count > 0 || cleared.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return new AlertChanges(raised, cleared);
    }
}
