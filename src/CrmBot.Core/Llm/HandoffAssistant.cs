using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CrmBot.Core.Llm;

/// <summary>
/// The model's help for the agent who opens an escalation: a brief of the conversation (issue, what was tried, mood,
/// open questions) and replies to send next. Both are asked at once, and kept until the conversation has a new message,
/// so reopening it costs nothing. When no model is configured, or it fails, there is no brief and no model replies: the
/// console keeps the help-centre suggestions it always had. A DI singleton; thread-safe.
/// </summary>
public sealed class HandoffAssistant(LanguageModel model, KnowledgeSearch knowledge, IMemoryCache cache, TimeProvider time)
{
    private const int TranscriptMessages = 30;
    private const int Replies = 3;
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(30);

    public bool Enabled => model.Enabled;

    public async Task<HandoffAssist> AssistAsync(CrmDbContext db, int escalationId, CancellationToken ct)
    {
        if (!model.Enabled)
        {
            return HandoffAssist.None;
        }
        var escalation = await db.Escalations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == escalationId, ct);
        if (escalation is null)
        {
            return HandoffAssist.None;
        }
        var messages = await db.Interactions.AsNoTracking().Where(i => i.ConversationId == escalation.ConversationId)
            .OrderByDescending(i => i.Id).Take(TranscriptMessages).Select(i => new { i.Id, i.Author, i.Text }).ToListAsync(ct);
        messages.Reverse();
        var key = (nameof(HandoffAssistant), escalationId, messages.LastOrDefault()?.Id ?? 0);
        if (cache.TryGetValue(key, out HandoffAssist? kept) && kept is not null)
        {
            return kept;
        }
        var customer = escalation.CustomerId is { } id ? await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        var now = time.GetUtcNow();
        var transcript = CustomerFacts.Transcript(messages.Select(m => (m.Author.ToString(), m.Text)));
        var lastCustomer = messages.LastOrDefault(m => m.Author == InteractionAuthor.Customer)?.Text ?? "";
        var facts = CustomerFacts.Describe(customer, now);
        // Each exchange has its own mask: the two run at once and a mask is not thread-safe.
        var summaryMask = model.SendsPersonalData ? null : CustomerFacts.MaskFor(customer);
        var repliesMask = model.SendsPersonalData ? null : CustomerFacts.MaskFor(customer);
        var summaryTask = model.RunAsync(LlmPrompts.HandoffSummary, new Dictionary<string, string>
        {
            ["reason"] = $"{escalation.Reason}: {escalation.ReasonDetail}",
            ["customer"] = facts,
            ["transcript"] = transcript,
        }, summaryMask, [], ct);
        var repliesTask = model.RunAsync(LlmPrompts.ReplySuggestions, new Dictionary<string, string>
        {
            ["customer"] = facts,
            ["articles"] = CustomerFacts.Articles(string.IsNullOrEmpty(lastCustomer) ? [] : knowledge.Search(lastCustomer, 3, escalation.Intent)),
            ["transcript"] = transcript,
        }, repliesMask, [], ct);
        var (summaryExchange, repliesExchange) = (await summaryTask, await repliesTask);

        HandoffBrief? brief = null;
        if (summaryExchange.Succeeded)
        {
            brief = ReadBrief(summaryExchange.Text!);
            summaryExchange = brief is null ? summaryExchange with { Outcome = LlmOutcome.Malformed } : summaryExchange;
        }
        IReadOnlyList<string> replies = [];
        if (repliesExchange.Succeeded)
        {
            var read = LlmJson.ReadObject(repliesExchange.Text!) is { } o ? LlmJson.ReadStrings(o, "replies") : null;
            replies = read?.Take(Replies).ToList() ?? [];
            repliesExchange = read is null or { Count: 0 } ? repliesExchange with { Outcome = LlmOutcome.Malformed } : repliesExchange;
        }
        db.LlmCalls.Add(Call(escalation.ConversationId, LlmPurpose.Summary, summaryExchange, now));
        db.LlmCalls.Add(Call(escalation.ConversationId, LlmPurpose.Suggestions, repliesExchange, now));
        await db.SaveChangesAsync(ct);

        var assist = new HandoffAssist(brief, replies, model.Model);
        if (brief is not null || replies.Count > 0)
        {
            cache.Set(key, assist, Keep);
        }
        return assist;
    }

    private static HandoffBrief? ReadBrief(string text)
    {
        if (LlmJson.ReadObject(text) is not { } o)
        {
            return null;
        }
        string? Read(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString()?.Trim() : null;
        var issue = Read("issue");
        return string.IsNullOrEmpty(issue) ? null
            : new HandoffBrief(issue, Read("tried") ?? "", Read("mood") ?? "", LlmJson.ReadStrings(o, "open_questions") ?? []);
    }

    private LlmCall Call(Guid conversationId, LlmPurpose purpose, LlmExchange exchange, DateTimeOffset now) => new()
    {
        ConversationId = conversationId,
        Purpose = purpose,
        Outcome = exchange.Outcome,
        Model = model.Model,
        PromptTokens = exchange.PromptTokens,
        CompletionTokens = exchange.CompletionTokens,
        LatencyMs = exchange.LatencyMs,
        ToolCalls = exchange.ToolCalls,
        At = now,
    };
}

/// <summary>The brief of a hand-off for the agent.</summary>
public sealed record HandoffBrief(string Issue, string Tried, string Mood, IReadOnlyList<string> OpenQuestions);

/// <summary>What the model offers the agent for one escalation: a brief (null if none) and replies (none if none).</summary>
public sealed record HandoffAssist(HandoffBrief? Summary, IReadOnlyList<string> Replies, string? Model)
{
    public static HandoffAssist None { get; } = new(null, [], null);
}
