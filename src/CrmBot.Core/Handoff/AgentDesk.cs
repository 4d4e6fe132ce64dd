using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Storage;
using CrmBot.Intelligence.Sentiment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CrmBot.Core.Customers;
using CrmBot.Core.Orders;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Handoff;

/// <summary>
/// What the agent console reads: an agent's queues, one escalation with its transcript, the customer's profile and
/// suggested replies from the knowledge base. Read-only; a DI singleton that works on the context it is given.
/// </summary>
public sealed class AgentDesk(EscalationRouter router, KnowledgeSearch knowledge, IOptions<ConversationOptions> options, TimeProvider time)
{
    /// <summary>What a customer who has not signed in is called.</summary>
    public const string Guest = "Guest";

    /// <summary>How much of the last customer message a queue line shows.</summary>
    public const int PreviewLength = 200;

    private const int RecentOrders = 5;
    private const int EarlierItems = 5;
    private const int Suggestions = 3;
    private const int RecentMessagesForSuggestions = 3;

    public static Task<Agent?> FindAgentAsync(CrmDbContext db, string userId, CancellationToken ct) =>
        db.Agents.FirstOrDefaultAsync(a => a.UserId == userId, ct);

    public async Task<AgentQueue> QueueAsync(CrmDbContext db, Agent agent, CancellationToken ct)
    {
        var mine = await SummariesAsync(db, db.Escalations.Where(e => e.AgentId == agent.Id
            && Escalation.HeldStatuses.Contains(e.Status)), ct);
        var pending = await SummariesAsync(db, db.Escalations.Where(e => e.Status == EscalationStatus.Pending), ct);
        var now = time.GetUtcNow();
        var waiting = pending.Where(s => router.CanServe(agent, s.Queue))
            .OrderBy(s => router.EffectivePriority(s.Priority, s.CreatedAt, now)).ThenBy(s => s.CreatedAt).ToList();
        return new AgentQueue(mine.OrderBy(s => s.Status == nameof(EscalationStatus.Active)).ThenBy(s => s.AssignedAt).ToList(), waiting);
    }

    /// <summary>
    /// Agents see what is theirs, what they could take (waiting in their queues) and what they handled before; other
    /// agents' live conversations are for supervisors.
    /// </summary>
    public async Task<bool> CanViewAsync(CrmDbContext db, Agent agent, int escalationId, CancellationToken ct) =>
        (await ViewersAsync(db, escalationId, ct)).Contains(agent.Id);

    /// <summary>
    /// The agents who may see an escalation, by the rule of <see cref="CanViewAsync"/>: the agent API lets them open it
    /// and the hub sends them its live updates.
    /// </summary>
    public async Task<IReadOnlyList<int>> ViewersAsync(CrmDbContext db, int escalationId, CancellationToken ct)
    {
        var escalation = await db.Escalations.AsNoTracking().Where(e => e.Id == escalationId)
            .Select(e => new { e.AgentId, e.Status, e.Queue }).FirstOrDefaultAsync(ct);
        if (escalation is null)
        {
            return [];
        }
        var viewers = await db.EscalationEvents.AsNoTracking().Where(e => e.EscalationId == escalationId && e.AgentId != null)
            .Select(e => e.AgentId!.Value).Distinct().ToListAsync(ct);
        if (escalation.AgentId is { } agentId)
        {
            viewers.Add(agentId);
        }
        if (escalation.Status == EscalationStatus.Pending)
        {
            var agents = await db.Agents.AsNoTracking().ToListAsync(ct);
            viewers.AddRange(agents.Where(a => router.CanServe(a, escalation.Queue)).Select(a => a.Id));
        }
        return viewers.Distinct().ToList();
    }

    public async Task<EscalationSummary?> SummaryAsync(CrmDbContext db, int escalationId, CancellationToken ct) =>
        (await SummariesAsync(db, db.Escalations.Where(e => e.Id == escalationId), ct)).FirstOrDefault();

    public async Task<EscalationDetail?> DetailAsync(CrmDbContext db, int escalationId, CancellationToken ct)
    {
        var summary = await SummaryAsync(db, escalationId, ct);
        if (summary is null)
        {
            return null;
        }
        var escalation = await db.Escalations.AsNoTracking().FirstAsync(e => e.Id == escalationId, ct);
        var transcript = await TranscriptAsync(db, escalation.ConversationId, ct);
        var profile = escalation.CustomerId is { } customerId ? await ProfileAsync(db, customerId, escalation, ct) : null;
        var customerMessages = transcript.Where(m => m.Author == nameof(InteractionAuthor.Customer)).ToList();
        var suggestions = Suggest(customerMessages.Select(m => m.Text).ToList(), customerMessages.LastOrDefault()?.Intent ?? escalation.Intent);
        return new EscalationDetail(summary, transcript, profile, suggestions);
    }

    /// <summary>
    /// Articles for the customer's last message first; then, for what that alone does not explain ("it stopped working"),
    /// for the last few messages together. The bar is half the bot's own: the agent reads before using one.
    /// </summary>
    private List<SuggestedReply> Suggest(IReadOnlyList<string> customerTexts, string? intent)
    {
        if (customerTexts.Count == 0)
        {
            return [];
        }
        var queries = new[] { customerTexts[^1], string.Join(" ", customerTexts.TakeLast(RecentMessagesForSuggestions)) };
        return queries.Distinct()
            .SelectMany(q => knowledge.Search(q, Suggestions, intent))
            .Where(h => h.NormalizedScore >= options.Value.KnowledgeMinScore / 2)
            .DistinctBy(h => h.Slug)
            .Take(Suggestions)
            .Select(h => new SuggestedReply(h.Slug, h.Title, h.Summary))
            .ToList();
    }

    public static Task<IReadOnlyList<TranscriptMessage>> TranscriptAsync(CrmDbContext db, Guid conversationId, CancellationToken ct) =>
        MessagesAsync(db, db.Interactions.Where(i => i.ConversationId == conversationId), ct);

    /// <summary>Stored messages as the console shows them, in order (a live update of a few new ones).</summary>
    public static Task<IReadOnlyList<TranscriptMessage>> MessagesAsync(CrmDbContext db, IReadOnlyList<long> interactionIds, CancellationToken ct) =>
        MessagesAsync(db, db.Interactions.Where(i => interactionIds.Contains(i.Id)), ct);

    private static async Task<IReadOnlyList<TranscriptMessage>> MessagesAsync(CrmDbContext db, IQueryable<Interaction> interactions, CancellationToken ct)
    {
        var rows = await interactions.AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new
            {
                Interaction = i,
                CustomerName = i.Conversation!.Customer == null ? null : i.Conversation.Customer.FirstName + " " + i.Conversation.Customer.LastName,
                AgentName = db.Agents.Where(a => a.Id == i.AgentId).Select(a => a.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => ToMessage(r.Interaction, AuthorName(r.Interaction.Author, r.CustomerName, r.AgentName))).ToList();
    }

    /// <summary>The name a transcript shows for a message's author; system notices have none.</summary>
    public static string? AuthorName(InteractionAuthor author, string? customerName, string? agentName) => author switch
    {
        InteractionAuthor.Customer => customerName ?? Guest,
        InteractionAuthor.Agent => agentName,
        InteractionAuthor.Bot => "Assistant",
        _ => null,
    };

    /// <summary>A stored interaction as the console shows it; customer text stays exactly as stored (the page encodes it).</summary>
    public static TranscriptMessage ToMessage(Interaction i, string? authorName) => new(
        i.Id, i.Author.ToString(), authorName, i.Text, i.Timestamp,
        i.Direction == InteractionDirection.Inbound ? i.Intent : null,
        i.Direction == InteractionDirection.Inbound ? i.Confidence : null,
        i.Direction == InteractionDirection.Inbound ? i.SentimentScore : null,
        i.Direction == InteractionDirection.Inbound ? i.SentimentLabel : null);

    public static string SentimentLabel(double score) =>
        score <= -0.2 ? SentimentAnalyzer.Negative : score >= 0.2 ? SentimentAnalyzer.Positive : SentimentAnalyzer.Neutral;

    private static async Task<CustomerProfile?> ProfileAsync(CrmDbContext db, int customerId, Escalation current, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return null;
        }
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt).Take(RecentOrders)
            .Select(o => new OrderLineSummary(o.Number, o.Status.ToString(), o.PlacedAt, o.Total)).ToListAsync(ct);
        var conversations = await db.Conversations.AsNoTracking().Where(c => c.CustomerId == customerId && c.Id != current.ConversationId)
            .OrderByDescending(c => c.StartedAt).Take(EarlierItems)
            .Select(c => new EarlierConversation(c.StartedAt, c.Status.ToString(), c.CustomerTurns)).ToListAsync(ct);
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.CustomerId == customerId && e.Id != current.Id)
            .OrderByDescending(e => e.Id).Take(EarlierItems)
            .Select(e => new EarlierEscalation(e.Reference, e.CreatedAt, e.ReasonDetail, e.Status.ToString(), e.Disposition, e.Csat)).ToListAsync(ct);
        return new CustomerProfile(customer.Id, customer.FullName, customer.Email, customer.Tier.ToString(), customer.Segment,
            customer.LifetimeValue, customer.ChurnRisk, ChurnRiskLevels.Of(customer.ChurnRisk)?.ToString(), customer.LastOrderAt,
            customer.OrderCount, customer.NetSpend, customer.ProfiledAt, customer.CreatedAt, orders, conversations, escalations);
    }

    private static async Task<List<EscalationSummary>> SummariesAsync(CrmDbContext db, IQueryable<Escalation> escalations, CancellationToken ct)
    {
        var rows = await escalations.AsNoTracking()
            .Select(e => new
            {
                Escalation = e,
                e.Conversation!.Channel,
                e.Conversation.Sentiment,
                // Set<T>(): an expression tree cannot hold the extension properties (db.Customers) the tables are declared as.
                Customer = db.Set<Customer>().Where(c => c.Id == e.CustomerId).Select(c => new { c.FirstName, c.LastName, c.Tier }).FirstOrDefault(),
                AgentName = e.Agent == null ? null : e.Agent.DisplayName,
                Last = db.Set<Interaction>().Where(i => i.ConversationId == e.ConversationId && i.Author == InteractionAuthor.Customer)
                    .OrderByDescending(i => i.Id).Select(i => new { i.Text, i.Timestamp }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var e = r.Escalation;
            var last = r.Last?.Text;
            return new EscalationSummary(
                e.Id, e.Reference, e.Status.ToString(), e.Queue, e.Priority, e.Reason.ToString(), e.ReasonDetail,
                r.Customer is null ? Guest : r.Customer.FirstName + " " + r.Customer.LastName, r.Customer?.Tier.ToString(),
                r.Channel, r.Sentiment, SentimentLabel(r.Sentiment), e.CreatedAt, e.AssignedAt, e.AcceptedAt, e.ResolvedAt, e.AgentId, r.AgentName,
                last is { Length: > PreviewLength } ? last[..PreviewLength] + "…" : last, r.Last?.Timestamp, e.Disposition, e.Note, e.Csat);
        }).ToList();
    }
}
