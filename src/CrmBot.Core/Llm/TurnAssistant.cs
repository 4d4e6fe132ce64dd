using System.Text.Json;
using CrmBot.Core.Conversations;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Llm;

/// <summary>
/// What the model does inside a customer's turn, when one is configured: answers a question the dialogs and the help
/// centre could not (grounded on articles, the profile and the shop's functions), and names the intent of a message
/// the offline model was unsure of. Every exchange is recorded on the turn's store as an <see cref="LlmCall"/>.
/// A DI singleton; thread-safe.
/// </summary>
public sealed partial class TurnAssistant(LanguageModel model, LlmFunctions functions, KnowledgeSearch knowledge, IOptions<ConversationOptions> options)
{
    private const int HistoryMessages = 6;
    private const int Articles = 3;
    private const string DontKnow = "I don't know";

    public bool Enabled => model.Enabled;

    /// <summary>
    /// The model's answer to <paramref name="question"/>, or null when it failed (the caller answers offline).
    /// <see cref="GroundedAnswer.Unsure"/> tells that the model said it does not know.
    /// </summary>
    public async Task<GroundedAnswer?> AnswerAsync(ConversationTurn turn, string question, string? intent, float[]? embedding, CancellationToken ct)
    {
        if (!model.Enabled)
        {
            return null;
        }
        // The retrieval's own bar is for answering alone; the model judges whether weaker articles still answer.
        var hits = knowledge.Search(question, Articles, intent, embedding);
        var history = await turn.Db.Interactions.AsNoTracking()
            .Where(i => i.ConversationId == turn.Conversation.Id && (turn.MessageId == null || i.Id < turn.MessageId))
            .OrderByDescending(i => i.Id).Take(HistoryMessages).Select(i => new { i.Author, i.Text }).ToListAsync(ct);
        history.Reverse();
        var arguments = new Dictionary<string, string>
        {
            ["shop"] = options.Value.ShopName,
            ["customer"] = CustomerFacts.Describe(turn.Customer, turn.Now),
            ["articles"] = CustomerFacts.Articles(hits),
            ["history"] = history.Count == 0 ? "(this is the first message)" : CustomerFacts.Transcript(history.Select(h => (h.Author.ToString(), h.Text))),
            ["question"] = question,
        };
        var mask = model.SendsPersonalData ? null : CustomerFacts.MaskFor(turn.Customer);
        var exchange = await model.RunAsync(LlmPrompts.GroundedAnswer, arguments, mask, functions.For(turn), ct);
        // A placeholder the mask never gave out means the model made one up: not an answer to show.
        if (exchange.Succeeded && UnknownPlaceholder().IsMatch(exchange.Text!))
        {
            exchange = exchange with { Text = null, Outcome = LlmOutcome.Malformed };
        }
        Record(turn, LlmPurpose.Answer, exchange);
        return exchange.Succeeded || exchange.Escalation is not null
            ? new GroundedAnswer(exchange.Text, exchange.Text?.StartsWith(DontKnow, StringComparison.OrdinalIgnoreCase) == true, exchange.Escalation)
            : null;
    }

    /// <summary>The intent the model names for <paramref name="text"/>, if it is one of <paramref name="flows"/>; otherwise null.</summary>
    public async Task<string?> ClassifyAsync(ConversationTurn turn, string text, IReadOnlyCollection<DialogDefinition> flows, CancellationToken ct)
    {
        if (!model.Enabled)
        {
            return null;
        }
        var intents = flows.DistinctBy(f => f.Intent).OrderBy(f => f.Intent, StringComparer.Ordinal).ToDictionary(f => f.Intent, StringComparer.Ordinal);
        var arguments = new Dictionary<string, string>
        {
            ["intents"] = string.Join("\n", intents.Values.Select(f => $"{f.Intent}: {Describe(f)}")),
            ["message"] = text,
        };
        var mask = model.SendsPersonalData ? null : CustomerFacts.MaskFor(turn.Customer);
        var exchange = await model.RunAsync(LlmPrompts.ClassifyIntent, arguments, mask, [], ct);
        string? intent = null;
        if (exchange.Succeeded)
        {
            var named = LlmJson.ReadString(exchange.Text!, "intent");
            if (named is null)
            {
                exchange = exchange with { Outcome = LlmOutcome.Malformed };
            }
            else if (intents.ContainsKey(named))
            {
                intent = named;
            }
            else
            {
                // "none", or an intent we do not have: the model's guess is not one of our flows.
                exchange = exchange with { Outcome = LlmOutcome.Declined };
            }
        }
        Record(turn, LlmPurpose.Intent, exchange);
        return intent;
    }

    private static string Describe(DialogDefinition flow)
    {
        var about = !string.IsNullOrWhiteSpace(flow.Description) ? flow.Description : flow.Title;
        var example = flow.Examples.Count > 0 ? $" (e.g. \"{flow.Examples[0]}\")" : "";
        return (about + example).ReplaceLineEndings(" ").Trim();
    }

    private void Record(ConversationTurn turn, LlmPurpose purpose, LlmExchange exchange) =>
        turn.Db.LlmCalls.Add(new LlmCall
        {
            ConversationId = turn.Conversation.Id,
            InteractionId = turn.MessageId,
            Purpose = purpose,
            Outcome = exchange.Outcome,
            Model = model.Model,
            PromptTokens = exchange.PromptTokens,
            CompletionTokens = exchange.CompletionTokens,
            LatencyMs = exchange.LatencyMs,
            ToolCalls = exchange.ToolCalls,
            At = turn.Now,
        });

    [System.Text.RegularExpressions.GeneratedRegex(@"\[[A-Z]+(?:_[A-Z]+)*_\d+\]")]
    private static partial System.Text.RegularExpressions.Regex UnknownPlaceholder();
}

/// <summary>The model's answer (null when only an escalation came of it), whether it said it does not know, and the escalation a function opened.</summary>
public sealed record GroundedAnswer(string? Text, bool Unsure, Escalations.EscalationTicket? Escalation);
