using System.Text.Json;
using CrmBot.Core.Customers;
using CrmBot.Core.Escalations;
using CrmBot.Core.Events;
using CrmBot.Core.Recommendations;
using CrmBot.Core.Storage;
using CrmBot.Core.Telemetry;
using CrmBot.Core.Understanding;
using CrmBot.Intelligence.Entities;
using CrmBot.Intelligence.Privacy;
using CrmBot.Intelligence.Sentiment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CrmBot.Core.Conversations;
using CrmBot.Core.Messages;
using CrmBot.Core.Turns;

namespace CrmBot.Core.Engine;

/// <summary>
/// The heart of the bot, independent of any channel: stores the message, understands it, decides, acts, stores the replies.
/// A DI singleton; every turn gets its own database context. Turns of one conversation run one at a time.
/// </summary>
public sealed class ConversationEngine(
    IServiceScopeFactory scopes,
    MessageUnderstander understander,
    EscalationPolicy policy,
    TurnResponder responder,
    ConversationEventPublisher events,
    TurnTelemetry telemetry,
    IOptions<ConversationOptions> options,
    TimeProvider time,
    ILogger<ConversationEngine> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConversationSentiment _rolling = new(options.Value.SentimentWindow);

    private readonly ConversationGates _gates = new();

    /// <summary>Links a channel identity to a CRM customer, as a trusted sign-in does (the demo web sign-in, `chat --customer`).</summary>
    public async Task<bool> LinkAccountAsync(string channel, string accountId, string email, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var normalized = Customer.NormalizeEmail(email);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Email == normalized, ct);
        if (customer is null)
        {
            return false;
        }
        var account = await FindOrCreateAccountAsync(db, channel, accountId, null, time.GetUtcNow(), ct);
        account.CustomerId = customer.Id;
        account.VerifiedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<TurnResult> HandleAsync(InboundMessage message, CancellationToken ct)
    {
        using var measurement = telemetry.StartTurn(message.Channel);
        try
        {
            using var gate = await _gates.EnterAsync(message.Channel, message.ConversationId, ct);
            return await HandleLockedAsync(message, measurement, ct);
        }
        catch (Exception e)
        {
            measurement.Failed(e);
            throw;
        }
    }

    /// <summary>The greeting when a customer opens the chat (Web Chat join, Teams install); stored like any bot message.</summary>
    public async Task<BotMessage> WelcomeAsync(string channel, string conversationId, string accountId, CancellationToken ct)
    {
        using var gate = await _gates.EnterAsync(channel, conversationId, ct);
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var account = await FindOrCreateAccountAsync(db, channel, accountId, null, now, ct);
        var conversation = await FindOrStartConversationAsync(db, channel, conversationId, account, now, ct);
        var customer = account.VerifiedAt is not null && account.CustomerId is { } id ? await db.Customers.FindAsync([id], ct) : null;
        conversation.CustomerId ??= customer?.Id;
        var welcome = responder.Welcome(customer);
        db.Interactions.Add(StoredReply(conversation, welcome, now, latencyMs: 0));
        await db.SaveChangesAsync(ct);
        return welcome;
    }

    /// <summary>The customer is typing: worth telling only the agent who has (or is about to have) the conversation.</summary>
    public async Task CustomerTypingAsync(string channel, string conversationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var open = await db.Escalations.AsNoTracking()
            .Where(e => e.Conversation!.Channel == channel && e.Conversation.ChannelConversationId == conversationId
                && Escalation.HeldStatuses.Contains(e.Status))
            .Select(e => new { e.Id, e.ConversationId, e.AgentId }).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            await events.PublishAsync([new CustomerTyping(open.ConversationId, time.GetUtcNow(), open.Id, open.AgentId)], ct);
        }
    }

    private async Task<TurnResult> HandleLockedAsync(InboundMessage message, TurnMeasurement measurement, CancellationToken ct)
    {
        long started = time.GetTimestamp();
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();

        var account = await FindOrCreateAccountAsync(db, message.Channel, message.AccountId, message.DisplayName, now, ct);
        var conversation = await FindOrStartConversationAsync(db, message.Channel, message.ConversationId, account, now, ct);
        if (message.Address is { } address)
        {
            // The service URL can change between turns (Bot Connector guidance): the latest one is the one to use.
            conversation.ServiceUrl = address.ServiceUrl;
            conversation.BotAccountId = address.BotAccountId ?? conversation.BotAccountId;
            conversation.TenantId = address.TenantId ?? conversation.TenantId;
        }
        // A message the store already holds: answered before (a channel's redelivery) gets the same answer again;
        // stored but never answered (the process died mid-turn) is answered now, from the channel's own copy.
        Interaction? inbound = null;
        if (message.ActivityId is not null && db.Entry(conversation).State != EntityState.Added
            && await db.Interactions.FirstOrDefaultAsync(i => i.ConversationId == conversation.Id && i.ChannelActivityId == message.ActivityId, ct) is { } seen)
        {
            if (seen.HandledBy is not null)
            {
                measurement.Outcome(conversation.Id, seen.HandledBy, escalated: false, duplicate: true);
                return await ReplayAsync(db, conversation.Id, seen, ct);
            }
            inbound = seen;
        }
        if (account.VerifiedAt is not null && account.CustomerId is not null)
        {
            conversation.CustomerId ??= account.CustomerId;
        }

        var clean = InputCleaner.Clean(message.Text, options.Value.MaxMessageLength);
        var redaction = PiiRedactor.Redact(clean.Text);
        if (inbound is null)
        {
            var flags = clean.Flags.Concat(redaction.Kinds.Select(k => "redacted-" + k)).ToList();
            inbound = new Interaction
            {
                Conversation = conversation,
                Direction = InteractionDirection.Inbound,
                Author = InteractionAuthor.Customer,
                Text = redaction.Text,
                Timestamp = now,
                ChannelActivityId = message.ActivityId,
                Flags = flags.Count > 0 ? string.Join(',', flags) : null,
            };
            db.Interactions.Add(inbound);
            conversation.LastActivityAt = now;
            conversation.CustomerTurns++;
            // Write-ahead: the message is in the store before anything else can fail.
            long saving = time.GetTimestamp();
            await db.SaveChangesAsync(ct);
            measurement.Stored(time.GetElapsedTime(saving));
        }

        var customer = conversation.CustomerId is { } customerId ? await db.Customers.FindAsync([customerId], ct) : null;
        long understandingStarted = time.GetTimestamp();
        var understanding = understander.Understand(clean.Text, DateOnly.FromDateTime(now.UtcDateTime));
        measurement.Understood(time.GetElapsedTime(understandingStarted));
        measurement.Describe(understanding.Intent, understanding.Confidence, understanding.SentimentLabel, understanding.SentimentScore);
        inbound.Intent = understanding.Intent;
        inbound.Confidence = Math.Round(understanding.Confidence, 4);
        inbound.SentimentScore = Math.Round(understanding.SentimentScore, 4);
        inbound.SentimentLabel = understanding.SentimentLabel;
        inbound.Entities = understanding.Entities.Count == 0 ? null : JsonSerializer.Serialize(
            understanding.Entities.Select(e => new { type = e.Type, value = EntityTypes.Personal.Contains(e.Type) ? "[" + e.Type + "]" : e.Value }), Json);
        await UpdateSentimentAsync(db, conversation, inbound, understanding, ct);

        if (message.ClickedProductSku is { } sku)
        {
            await RecommendationClicks.RecordAsync(db, conversation.Id, sku, now, ct);
        }

        var turn = new ConversationTurn
        {
            Db = db,
            Conversation = conversation,
            Account = account,
            Now = now,
            Customer = customer,
            Intent = understanding.Intent,
            Sentiment = understanding.SentimentScore,
            SentimentLabel = understanding.SentimentLabel,
            MessageId = inbound.Id,
        };
        var decision = await responder.RespondAsync(turn, clean, redaction.Text, understanding, ct);

        int latency = (int)Math.Round(time.GetElapsedTime(started).TotalMilliseconds);
        foreach (var reply in decision.Replies)
        {
            var stored = StoredReply(conversation, reply, time.GetUtcNow(), latency);
            // The reply carries the annotations of the message it answers, so one row tells how the turn was understood.
            stored.ReplyToId = inbound.Id;
            stored.Intent = understanding.Intent;
            stored.Confidence = inbound.Confidence;
            stored.SentimentScore = inbound.SentimentScore;
            stored.SentimentLabel = inbound.SentimentLabel;
            db.Interactions.Add(stored);
        }
        // Set on every answered message: a stored message without it is one whose turn never finished.
        inbound.HandledBy = conversation.Owner == ConversationOwner.Agent ? "agent" : decision.Replies.LastOrDefault()?.HandledBy ?? "bot";
        // The agent console and the supervisors hear of the turn from this save (ConversationEventPublisher).
        long answering = time.GetTimestamp();
        await db.SaveChangesAsync(ct);
        measurement.Stored(time.GetElapsedTime(answering));
        measurement.Outcome(conversation.Id, inbound.HandledBy, decision.EscalationReference is not null, duplicate: false);
        logger.LogInformation("Turn {ConversationId}/{InteractionId}: intent {Intent} ({Confidence:0.00}), sentiment {Sentiment:0.00}, handled by {HandledBy} in {LatencyMs} ms",
            conversation.Id, inbound.Id, understanding.Intent, understanding.Confidence, understanding.SentimentScore, inbound.HandledBy, latency);
        return new TurnResult(conversation.Id, inbound.Id, decision.Replies, understanding, decision.EscalationReference);
    }

    private async Task UpdateSentimentAsync(CrmDbContext db, Conversation conversation, Interaction inbound, MessageUnderstanding understanding, CancellationToken ct)
    {
        if (understanding.Intent == MessageUnderstanding.Empty)
        {
            return;
        }
        var earlier = await db.Interactions
            .Where(i => i.ConversationId == conversation.Id && i.Direction == InteractionDirection.Inbound && i.SentimentScore != null && i.Id != inbound.Id)
            .OrderByDescending(i => i.Id).Take(_rolling.Window - 1).Select(i => i.SentimentScore!.Value).ToListAsync(ct);
        earlier.Reverse();
        earlier.Add(understanding.SentimentScore);
        conversation.Sentiment = Math.Round(_rolling.Score(earlier), 4);
        conversation.ConsecutiveNegativeTurns = policy.IsNegativeTurn(understanding) ? conversation.ConsecutiveNegativeTurns + 1 : 0;
    }

    private static Interaction StoredReply(Conversation conversation, BotMessage reply, DateTimeOffset at, int latencyMs) => new()
    {
        Conversation = conversation,
        Direction = InteractionDirection.Outbound,
        Author = InteractionAuthor.Bot,
        Text = reply.Text,
        Timestamp = at,
        LatencyMs = latencyMs,
        HandledBy = reply.HandledBy,
        Attachments = reply.SuggestedActions.Count == 0 && reply.Products.Count == 0 ? null
            : JsonSerializer.Serialize(new StoredAttachments(reply.SuggestedActions, reply.Products), Json),
    };

    private static async Task<TurnResult> ReplayAsync(CrmDbContext db, Guid conversationId, Interaction inbound, CancellationToken ct)
    {
        var stored = await db.Interactions.Where(i => i.ReplyToId == inbound.Id).OrderBy(i => i.Id).ToListAsync(ct);
        var replies = stored.Select(i =>
        {
            var attachments = i.Attachments is null ? null : JsonSerializer.Deserialize<StoredAttachments>(i.Attachments, Json);
            return new BotMessage(i.Text, i.HandledBy ?? "")
            {
                SuggestedActions = attachments?.Actions ?? [],
                Products = attachments?.Products ?? [],
            };
        }).ToList();
        return new TurnResult(conversationId, inbound.Id, replies, null, null, Duplicate: true);
    }

    private static async Task<Conversation> FindOrStartConversationAsync(CrmDbContext db, string channel, string conversationId, ChannelAccount account, DateTimeOffset now, CancellationToken ct)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Channel == channel && c.ChannelConversationId == conversationId, ct);
        if (conversation is null)
        {
            conversation = new Conversation
            {
                Id = Guid.CreateVersion7(now),
                Channel = channel,
                ChannelConversationId = conversationId,
                ChannelAccount = account,
                StartedAt = now,
                LastActivityAt = now,
            };
            db.Conversations.Add(conversation);
        }
        return conversation;
    }

    private static async Task<ChannelAccount> FindOrCreateAccountAsync(CrmDbContext db, string channel, string accountId, string? displayName, DateTimeOffset now, CancellationToken ct)
    {
        var account = await db.ChannelAccounts.FirstOrDefaultAsync(a => a.Channel == channel && a.AccountId == accountId, ct);
        if (account is null)
        {
            account = new ChannelAccount { Channel = channel, AccountId = accountId, DisplayName = displayName, FirstSeenAt = now };
            db.ChannelAccounts.Add(account);
        }
        return account;
    }

    private sealed record StoredAttachments(IReadOnlyList<string> Actions, IReadOnlyList<ProductSuggestion> Products);
}
