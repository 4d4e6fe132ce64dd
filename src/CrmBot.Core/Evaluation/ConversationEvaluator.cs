using System.Globalization;
using System.Text;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CrmBot.Core.Engine;
using CrmBot.Core.Messages;

namespace CrmBot.Core.Evaluation;

/// <summary>
/// Runs scripted conversations through the real engine, each on the same freshly seeded store (the caller's
/// <c>resetStore</c> puts it back between conversations, since a script may cancel an order another one tracks),
/// and judges each whole conversation. Not thread-safe: one run at a time.
/// </summary>
public sealed class ConversationEvaluator(ConversationEngine engine, IServiceScopeFactory scopes)
{
    public const string Channel = "eval";

    /// <summary>A reply showing an unfilled placeholder is always wrong, whatever the script checks.</summary>
    private const string RawTemplate = "{{";

    public async Task<IReadOnlyList<ConversationOutcome>> RunAsync(
        IReadOnlyList<ConversationScript> scripts, Func<CancellationToken, Task> resetStore, CancellationToken ct)
    {
        var outcomes = new List<ConversationOutcome>(scripts.Count);
        foreach (var script in scripts)
        {
            await resetStore(ct);
            outcomes.Add(await RunOneAsync(script, ct));
        }
        return outcomes;
    }

    private async Task<ConversationOutcome> RunOneAsync(ConversationScript script, CancellationToken ct)
    {
        var conversationId = "eval-" + script.Id + "-" + Guid.NewGuid().ToString("N")[..8];
        var accountId = "account-" + conversationId;
        var transcript = new List<string>();
        if (script.Customer is { } email && !await engine.LinkAccountAsync(Channel, accountId, email, ct))
        {
            return new ConversationOutcome(script, false, null, new TurnFailure(0, $"no seeded customer has the email {email}"), transcript);
        }

        TurnFailure? failure = null;
        for (var i = 0; i < script.Turns.Count; i++)
        {
            var turn = script.Turns[i];
            var result = await engine.HandleAsync(new InboundMessage(Channel, conversationId, accountId, turn.Text, (i + 1).ToString(CultureInfo.InvariantCulture)), ct);
            var replies = Render(result.Replies);
            transcript.Add("customer: " + turn.Text);
            transcript.AddRange(replies.Split('\n').Select(line => "     bot: " + line));
            failure ??= Check(i + 1, turn, replies);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var escalation = await db.Escalations.AsNoTracking()
            .Where(e => e.Conversation!.Channel == Channel && e.Conversation.ChannelConversationId == conversationId)
            .OrderBy(e => e.Id).Select(e => new { e.Reason }).FirstOrDefaultAsync(ct);
        return new ConversationOutcome(script, escalation is not null, escalation?.Reason, failure, transcript);
    }

    /// <summary>Replies as one text: each message, then its product suggestions as "Name (£price)" lines.</summary>
    private static string Render(IReadOnlyList<BotMessage> replies)
    {
        var text = new StringBuilder();
        foreach (var reply in replies)
        {
            text.Append(reply.Text).Append('\n');
            foreach (var product in reply.Products)
            {
                text.Append(product.Name).Append(" (").Append(product.PriceText).Append(")\n");
            }
        }
        return text.ToString().TrimEnd('\n');
    }

    private static TurnFailure? Check(int number, ScriptTurn turn, string replies)
    {
        if (replies.Contains(RawTemplate, StringComparison.Ordinal))
        {
            return new TurnFailure(number, "a reply shows a raw {{ template }}");
        }
        if (turn.Match.FirstOrDefault(p => !p.IsMatch(replies)) is { } missing)
        {
            return new TurnFailure(number, $"no reply matches /{missing}/");
        }
        if (turn.Not.FirstOrDefault(p => p.IsMatch(replies)) is { } unwanted)
        {
            return new TurnFailure(number, $"a reply matches the unwanted /{unwanted}/");
        }
        return null;
    }
}
