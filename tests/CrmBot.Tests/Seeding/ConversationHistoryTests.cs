using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Seeding;
using CrmBot.Core.Seeding.History;
using CrmBot.Core.Storage;
using CrmBot.Core.Understanding;
using CrmBot.Extensions;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using CrmBot.Core.Orders;

namespace CrmBot.Tests.Seeding;

/// <summary>The past conversations a fresh demo store starts with, read back from the store as the dashboard would.</summary>
[Collection(AppCollection.Name)]
public sealed partial class ConversationHistoryTests(CrmBotAppFixture trained, HistoryApps apps, ITestOutputHelper output) : IClassFixture<HistoryApps>
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private HandoffApp App => apps.Full(trained);

    [Fact]
    public async Task First_start_seeds_ninety_days_of_conversations_busier_on_weekdays_and_by_day_than_by_night()
    {
        await using var db = App.NewDb();
        var starts = (await db.Conversations.Select(c => c.StartedAt).ToListAsync()).Select(s => TimeZoneInfo.ConvertTime(s, London)).ToList();
        var days = starts.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{starts.Count} conversations over {days.Count} days, {days.Values.Min()}–{days.Values.Max()} a day");

        Assert.Equal(90, days.Count);
        Assert.True(await db.Conversations.AllAsync(c => c.StartedAt >= HistoryApps.Today.AddDays(-91) && c.LastActivityAt < HistoryApps.Today));
        Assert.InRange(starts.Count / 90.0, 40, 80);
        var weekday = days.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Value);
        var weekend = days.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Value);
        Assert.True(weekday > weekend * 1.15, $"weekday {weekday:0.0} a day, weekend {weekend:0.0}");
        int At(int from, int to) => starts.Count(s => s.Hour >= from && s.Hour < to);
        Assert.True(At(12, 14) > 4 * At(2, 4), "lunchtime is busier than the small hours");
        Assert.True(At(19, 21) > 4 * At(3, 5), "the evening is busier than the small hours");
    }

    [Fact]
    public async Task Every_customer_message_carries_the_intent_and_sentiment_the_trained_models_give_its_text()
    {
        await using var db = App.NewDb();
        var understander = App.Services.GetRequiredService<MessageUnderstander>();
        var inbound = await db.Interactions.Where(i => i.Direction == InteractionDirection.Inbound).OrderBy(i => i.Id).ToListAsync();
        // Messages with personal data were understood before it was redacted from the stored text, so they cannot be re-read.
        var sample = inbound.Where(i => i.Flags is null).Where((_, n) => n % 20 == 0).ToList();
        output.WriteLine($"Re-reading {sample.Count} of {inbound.Count} customer messages one at a time, as a live turn does");

        Assert.All(inbound, i => Assert.False(string.IsNullOrEmpty(i.Intent) || i.Confidence is null || i.SentimentScore is null || i.SentimentLabel is null));
        Assert.All(sample, stored =>
        {
            var live = understander.Understand(stored.Text, DateOnly.FromDateTime(stored.Timestamp.UtcDateTime));
            Assert.Equal((live.Intent, live.SentimentLabel), (stored.Intent, stored.SentimentLabel));
            Assert.Equal(Math.Round(live.Confidence, 4), stored.Confidence!.Value, 4);
            Assert.Equal(Math.Round(live.SentimentScore, 4), stored.SentimentScore!.Value, 4);
        });
        Assert.True(sample.Select(i => i.Intent).Distinct().Count() >= 20, "the history covers most of what customers ask");
    }

    [Fact]
    public async Task Escalations_have_a_complete_trail_and_resolved_ones_an_agent_times_in_order_and_a_rating_from_1_to_5()
    {
        await using var db = App.NewDb();
        var escalations = await db.Escalations.AsNoTracking().Include(e => e.Events.OrderBy(v => v.Id)).ToListAsync();
        var resolved = escalations.Where(e => e.Status == EscalationStatus.Resolved).ToList();
        var abandoned = escalations.Where(e => e.Status == EscalationStatus.Abandoned).ToList();

        Assert.Equal(escalations.Count, resolved.Count + abandoned.Count);
        Assert.All(resolved, e =>
        {
            Assert.NotNull(e.AgentId);
            Assert.True(e.CreatedAt <= e.AssignedAt && e.AssignedAt <= e.AcceptedAt && e.AcceptedAt < e.ResolvedAt, e.Reference);
            Assert.True(e.AcceptedAt - e.CreatedAt < e.ResolvedAt - e.CreatedAt, "the wait ends before the handling does");
            Assert.False(string.IsNullOrEmpty(e.Disposition));
            Assert.True(e.Csat is null or >= 1 and <= 5);
            Assert.Equal(EscalationEventKind.Created, e.Events[0].Kind);
            Assert.Contains(e.Events, v => v.Kind == EscalationEventKind.Accepted && v.AgentId == e.AgentId && v.At == e.AcceptedAt);
            Assert.Contains(e.Events, v => v.Kind is EscalationEventKind.Resolved or EscalationEventKind.HandedBack && v.At == e.ResolvedAt);
            Assert.Equal(e.Csat is not null, e.Events.Any(v => v.Kind == EscalationEventKind.Rated));
            Assert.Equal(e.Events.OrderBy(v => v.At).Select(v => v.Kind), e.Events.Select(v => v.Kind));
        });
        Assert.All(abandoned, e =>
        {
            Assert.Null(e.AcceptedAt);
            Assert.Null(e.Csat);
            Assert.Equal(EscalationEventKind.Abandoned, e.Events[^1].Kind);
        });
        Assert.Contains(escalations, e => e.Events.Any(v => v.Kind == EscalationEventKind.Requeued));
        Assert.Contains(resolved, e => e.Disposition == "handed-back");
        var agents = resolved.GroupBy(e => e.AgentId).ToDictionary(g => g.Key!.Value, g => g.Count());
        output.WriteLine("Resolved per agent: " + string.Join(", ", agents.Select(a => $"{a.Key}: {a.Value}")));
        Assert.Equal(6, agents.Count);
    }

    [Fact]
    public async Task Escalation_rate_containment_negative_share_and_ratings_look_like_a_real_service()
    {
        await using var db = App.NewDb();
        var conversations = await db.Conversations.CountAsync();
        var escalated = await db.Escalations.Select(e => e.ConversationId).Distinct().CountAsync();
        var withAgent = await db.Escalations.Where(e => e.AcceptedAt != null).Select(e => e.ConversationId).Distinct().CountAsync();
        var labels = await db.Interactions.Where(i => i.Direction == InteractionDirection.Inbound).GroupBy(i => i.SentimentLabel!).ToDictionaryAsync(g => g.Key, g => g.Count());
        var ratings = await db.Escalations.Where(e => e.Csat != null).Select(e => e.Csat!.Value).ToListAsync();
        var reasons = await db.Escalations.GroupBy(e => e.Reason).ToDictionaryAsync(g => g.Key, g => g.Count());
        var negative = (labels.GetValueOrDefault("negative") + labels.GetValueOrDefault("angry")) / (double)labels.Values.Sum();
        output.WriteLine($"{conversations} conversations, {escalated / (double)conversations:P1} escalated, {1 - withAgent / (double)conversations:P1} contained; "
            + $"{negative:P1} of customer messages negative; {ratings.Count} ratings averaging {ratings.Average():0.00}; reasons {string.Join(", ", reasons)}");

        Assert.InRange(escalated / (double)conversations, 0.15, 0.25);
        Assert.InRange(1 - withAgent / (double)conversations, 0.7, 0.92);
        Assert.InRange(negative, 0.1, 0.35);
        Assert.InRange(ratings.Average(), 3.4, 4.5);
        Assert.True(ratings.Count(r => r >= 4) > 2 * ratings.Count(r => r <= 2), "ratings lean positive");
        // A supervisor's hand-over is no part of the bot's history.
        Assert.All(Enum.GetValues<EscalationReason>().Where(r => r is not (EscalationReason.KnowledgeGap or EscalationReason.VerificationFailed or EscalationReason.SupervisorRequest)),
            reason => Assert.True(reasons.GetValueOrDefault(reason) > 0, $"no escalation for {reason}"));
        Assert.False(await db.Conversations.AnyAsync(c => c.Status != ConversationStatus.Closed || c.Owner != ConversationOwner.Bot || c.DialogState != null));
        Assert.False(await db.Escalations.AnyAsync(e => Escalation.OpenStatuses.Contains(e.Status)), "nothing waits in the agents' queue");
    }

    [Fact]
    public async Task Customers_mention_their_own_orders_and_the_bot_states_each_order_as_it_stood_at_the_time()
    {
        await using var db = App.NewDb();
        var orders = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.Number);
        var mentions = await db.Interactions.Where(i => i.Direction == InteractionDirection.Inbound && i.Entities != null)
            .Select(i => new { i.Entities, i.Conversation!.CustomerId }).ToListAsync();
        var numbers = mentions.SelectMany(m => JsonDocument.Parse(m.Entities!).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "order_number").Select(e => (Number: e.GetProperty("value").GetString()!, m.CustomerId))).ToList();
        var onTheWay = await db.Interactions.Where(i => i.Author == InteractionAuthor.Bot && i.Text.Contains("is on its way with")).Select(i => new { i.Text, i.Timestamp }).ToListAsync();
        var delivered = await db.Interactions.Where(i => i.Author == InteractionAuthor.Bot && i.Text.Contains(") was delivered on")).Select(i => new { i.Text, i.Timestamp }).ToListAsync();
        output.WriteLine($"{numbers.Count} order numbers mentioned; {onTheWay.Count} replies say an order is on its way, {delivered.Count} that it was delivered");

        Assert.True(numbers.Count > 1000);
        Assert.All(numbers, n => Assert.Equal(n.CustomerId, orders[n.Number].CustomerId));
        Assert.NotEmpty(onTheWay);
        Assert.All(onTheWay, reply =>
        {
            var order = orders[OrderNumber().Match(reply.Text).Value];
            Assert.True(order.ShippedAt <= reply.Timestamp && (order.DeliveredAt is null || order.DeliveredAt > reply.Timestamp), reply.Text);
        });
        Assert.All(delivered, reply => Assert.True(orders[OrderNumber().Match(reply.Text).Value].DeliveredAt <= reply.Timestamp, reply.Text));
        Assert.False(await db.Interactions.AnyAsync(i => i.Text.Contains("{{") || i.Text.Contains("{order}") || i.Text.Contains("{kind}")));
    }

    [Fact]
    public async Task Seeding_again_after_a_reset_writes_the_same_history()
    {
        var app = apps.Week(trained);
        var before = await FingerprintAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().ResetAsync(db, CancellationToken.None);
            Assert.Equal(0, await db.Conversations.CountAsync());
            var summary = await app.Services.GetRequiredService<AppInitializer>().SeedHistoryAsync(db, CancellationToken.None);
            Assert.True(summary.Seeded);
        }

        var after = await FingerprintAsync(app);
        Assert.InRange(before.Count, 500, 5000);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_store_that_already_has_conversations_gets_no_history()
    {
        var app = apps.Week(trained);
        await using var db = app.NewDb();
        var conversations = await db.Conversations.CountAsync();

        var summary = await app.Services.GetRequiredService<ConversationHistorySeeder>().SeedIfEmptyAsync(db, CancellationToken.None);

        Assert.False(summary.Seeded);
        Assert.Equal("the store already holds conversations", summary.SkippedBecause);
        Assert.Equal(conversations, await db.Conversations.CountAsync());
    }

    /// <summary>Everything of the history a supervisor could see, one comparable line per row.</summary>
    private static async Task<List<string>> FingerprintAsync(HandoffApp app)
    {
        await using var db = app.NewDb();
        var conversations = await db.Conversations.OrderBy(c => c.StartedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Channel, c.ChannelConversationId, c.CustomerId, c.StartedAt, c.LastActivityAt, c.Sentiment, c.Topic }).ToListAsync();
        var interactions = await db.Interactions.OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.ConversationId, i.Author, i.Text, i.Timestamp, i.Intent, i.Confidence, i.SentimentScore, i.HandledBy, i.ReplyToId, i.AgentId }).ToListAsync();
        var escalations = await db.Escalations.OrderBy(e => e.Id)
            .Select(e => new { e.Reference, e.Reason, e.Queue, e.Priority, e.Status, e.AgentId, e.CreatedAt, e.AcceptedAt, e.ResolvedAt, e.Disposition, e.Csat, Events = e.Events.Count }).ToListAsync();
        return [.. conversations.Select(c => $"{c}"), .. interactions.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i}")), .. escalations.Select(e => $"{e}")];
    }

    [GeneratedRegex(@"BW-\d{6}")]
    private static partial Regex OrderNumber();
}
