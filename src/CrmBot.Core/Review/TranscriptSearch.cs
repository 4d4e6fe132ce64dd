using CrmBot.Core.Conversations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Escalations;

namespace CrmBot.Core.Review;

/// <summary>
/// Finds conversations for review and reads one in full. Every filter, the count and the page are one query each in
/// the database (EXISTS subqueries on the messages, which are indexed by conversation), never a scan in memory.
/// Stateless; a DI singleton.
/// </summary>
public sealed class TranscriptSearch
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxTextLength = 200;

    /// <summary>LIKE's escape character: a reviewer's "100%" or "a_b" is text, not a pattern.</summary>
    private const string LikeEscape = "\\";

    public async Task<TranscriptPage> SearchAsync(CrmDbContext db, TranscriptQuery query, CancellationToken ct)
    {
        var conversations = Filter(db, query);
        var ignoreCase = IgnoresCaseWithILike(db);
        var total = await conversations.CountAsync(ct);
        var pattern = query.Text is { Length: > 0 } text ? Contains(text) : null;
        var rows = await conversations
            .OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(c => new
            {
                c.Id,
                c.Channel,
                c.CustomerId,
                CustomerName = c.Customer == null ? null : c.Customer.FirstName + " " + c.Customer.LastName,
                c.StartedAt,
                c.LastActivityAt,
                c.Topic,
                c.Sentiment,
                Lowest = db.Set<Interaction>().Where(i => i.ConversationId == c.Id && i.Direction == InteractionDirection.Inbound).Min(i => i.SentimentScore),
                Messages = db.Set<Interaction>().Count(i => i.ConversationId == c.Id),
                Escalated = db.Set<Escalation>().Any(e => e.ConversationId == c.Id),
                First = db.Set<Interaction>().Where(i => i.ConversationId == c.Id && i.Direction == InteractionDirection.Inbound).OrderBy(i => i.Id).Select(i => i.Text).FirstOrDefault(),
                Match = pattern == null ? null
                    : db.Set<Interaction>().Where(i => i.ConversationId == c.Id && (ignoreCase ? EF.Functions.ILike(i.Text, pattern, LikeEscape) : EF.Functions.Like(i.Text, pattern, LikeEscape))).OrderBy(i => i.Id).Select(i => i.Text).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new TranscriptPage(query.Page, query.PageSize, total, rows.Select(r => new TranscriptSummary(
            r.Id, r.Channel, r.CustomerId, r.CustomerName, r.StartedAt, r.LastActivityAt, r.Topic, r.Sentiment, r.Lowest, r.Messages, r.Escalated, r.First, r.Match)).ToList());
    }

    /// <summary>The conversation with its escalations and every message, oldest first; null when there is none with that id.</summary>
    public async Task<TranscriptView?> TranscriptAsync(CrmDbContext db, Guid id, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Customer).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null)
        {
            return null;
        }
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.ConversationId == id).OrderBy(e => e.Id)
            .Select(e => new TranscriptEscalation(e.Id, e.Reference, e.Reason.ToString(), e.ReasonDetail, e.Queue, e.Status.ToString(),
                e.Agent == null ? null : e.Agent.DisplayName, e.CreatedAt, e.AcceptedAt, e.ResolvedAt, e.Disposition, e.Csat))
            .ToListAsync(ct);
        var agents = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var messages = await db.Interactions.AsNoTracking().Where(i => i.ConversationId == id).OrderBy(i => i.Id).ToListAsync(ct);
        var corrections = await LabelCorrections.LatestAsync(db.LabelCorrections.Where(c => c.Interaction!.ConversationId == id), ct);
        var customer = conversation.Customer;
        return new TranscriptView(conversation.Id, conversation.Channel, conversation.Status.ToString(), conversation.CustomerId, customer?.FullName,
            customer?.Tier.ToString(), conversation.StartedAt, conversation.LastActivityAt, conversation.Topic, conversation.Sentiment, escalations,
            messages.Select(m =>
            {
                var customerMessage = m.Direction == InteractionDirection.Inbound;
                var author = m.Author switch
                {
                    InteractionAuthor.Customer => customer?.FirstName,
                    InteractionAuthor.Agent => m.AgentId is { } agentId ? agents.GetValueOrDefault(agentId) : null,
                    _ => null,
                };
                // A bot reply repeats the annotations of the message it answers; shown once, on that message.
                return new TranscriptMessage(m.Id, m.Timestamp, m.Author.ToString(), author, m.Text, m.HandledBy,
                    customerMessage ? m.Intent : null, customerMessage ? m.Confidence : null, customerMessage ? m.SentimentScore : null,
                    customerMessage ? m.SentimentLabel : null, corrections.GetValueOrDefault(m.Id));
            }).ToList());
    }

    /// <summary>
    /// Searches ignore case. SQLite's LIKE already does (for ASCII letters); PostgreSQL's LIKE does not, its ILIKE
    /// does (for every letter). EF picks the branch when it compiles the query, so each store sees one operator.
    /// </summary>
    private static bool IgnoresCaseWithILike(CrmDbContext db) => !db.Database.IsSqlite();

    private static IQueryable<Conversation> Filter(CrmDbContext db, TranscriptQuery query)
    {
        var conversations = db.Conversations.AsNoTracking();
        var ignoreCase = IgnoresCaseWithILike(db);
        if (query.Text is { Length: > 0 } text)
        {
            var pattern = Contains(text);
            conversations = conversations.Where(c => db.Set<Interaction>().Any(i => i.ConversationId == c.Id && (ignoreCase ? EF.Functions.ILike(i.Text, pattern, LikeEscape) : EF.Functions.Like(i.Text, pattern, LikeEscape))));
        }
        if (query.CustomerId is { } customerId)
        {
            conversations = conversations.Where(c => c.CustomerId == customerId);
        }
        if (query.Customer is { Length: > 0 } who)
        {
            var pattern = Contains(who);
            conversations = conversations.Where(c => c.Customer != null && (ignoreCase
                ? EF.Functions.ILike(c.Customer.FirstName + " " + c.Customer.LastName, pattern, LikeEscape) || EF.Functions.ILike(c.Customer.Email, pattern, LikeEscape)
                : EF.Functions.Like(c.Customer.FirstName + " " + c.Customer.LastName, pattern, LikeEscape) || EF.Functions.Like(c.Customer.Email, pattern, LikeEscape)));
        }
        if (query.Intent is not null || query.SentimentMin is not null || query.SentimentMax is not null)
        {
            var messages = db.Interactions.Where(i => i.Direction == InteractionDirection.Inbound);
            if (query.Intent is { } intent) messages = messages.Where(i => i.Intent == intent);
            if (query.SentimentMin is { } min) messages = messages.Where(i => i.SentimentScore >= min);
            if (query.SentimentMax is { } max) messages = messages.Where(i => i.SentimentScore <= max);
            conversations = conversations.Where(c => messages.Any(i => i.ConversationId == c.Id));
        }
        if (query.Escalated is { } escalated)
        {
            conversations = conversations.Where(c => db.Set<Escalation>().Any(e => e.ConversationId == c.Id) == escalated);
        }
        if (query.From is { } from) conversations = conversations.Where(c => c.StartedAt >= from);
        if (query.To is { } to) conversations = conversations.Where(c => c.StartedAt < to);
        if (query.Channel is { Length: > 0 } channel) conversations = conversations.Where(c => c.Channel == channel);
        return conversations;
    }

    private static string Contains(string text) =>
        "%" + text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal) + "%";
}
