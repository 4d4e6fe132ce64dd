using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Conversations;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using CrmBot.Tests.Seeding;
using Microsoft.EntityFrameworkCore;
using CrmBot.Core.Escalations;

namespace CrmBot.Tests.Review;

/// <summary>
/// Transcript search over a week of seeded history: each filter's answer is checked against the same filter worked
/// out by hand over every row of the store.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TranscriptSearchTests(CrmBotAppFixture trained, HistoryApps apps) : IClassFixture<HistoryApps>
{
    private HandoffApp App => apps.SharedWeek(trained);

    [Fact]
    public async Task Each_filter_finds_exactly_the_conversations_that_match_it_newest_first()
    {
        var store = await StoreAsync();
        using var olivia = await SupervisorAsync();
        var customer = store.Conversations.Where(c => c.CustomerName is not null).GroupBy(c => c.CustomerName!).OrderByDescending(g => g.Count()).First().Key;
        var midweek = HistoryApps.Today.AddDays(-5);
        var cases = new (string Query, Func<Row, bool> Match)[]
        {
            ("text=REFUND", c => c.Messages.Any(m => m.Text.Contains("refund", StringComparison.OrdinalIgnoreCase))),
            ("text=" + Uri.EscapeDataString("%"), c => c.Messages.Any(m => m.Text.Contains('%'))),
            ("customer=" + Uri.EscapeDataString(customer.Split(' ')[1].ToLowerInvariant()), c => c.CustomerName?.Contains(customer.Split(' ')[1], StringComparison.OrdinalIgnoreCase) == true
                || c.CustomerEmail?.Contains(customer.Split(' ')[1], StringComparison.OrdinalIgnoreCase) == true),
            ($"customerId={store.Conversations.First(c => c.CustomerId is not null).CustomerId}", c => c.CustomerId == store.Conversations.First(x => x.CustomerId is not null).CustomerId),
            ("intent=track_order&sentimentMax=-0.3", c => c.Messages.Any(m => m.Inbound && m.Intent == "track_order" && m.Sentiment <= -0.3)),
            ("sentimentMin=0.5&sentimentMax=1", c => c.Messages.Any(m => m.Inbound && m.Sentiment >= 0.5)),
            ("escalated=true", c => c.Escalated),
            ("escalated=false&channel=msteams", c => !c.Escalated && c.Channel == "msteams"),
            ($"from={Iso(midweek)}&to={Iso(midweek.AddDays(2))}", c => c.StartedAt >= midweek && c.StartedAt < midweek.AddDays(2)),
        };
        foreach (var (query, match) in cases)
        {
            var expected = store.Conversations.Where(match).OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id).ToList();
            var page = await olivia.GetJsonAsync("/api/review/conversations?pageSize=100&" + query);
            Assert.True(expected.Count == (int)page["total"]!, $"{query}: expected {expected.Count}, got {page["total"]}");
            Assert.Equal(expected.Take(100).Select(c => c.Id.ToString()), page["conversations"]!.AsArray().Select(c => (string)c!["id"]!));
        }
        Assert.Contains(cases.Take(8), c => store.Conversations.Count(c.Match) is > 0 and < 100);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        var store = await StoreAsync();
        using var olivia = await SupervisorAsync();
        var expected = store.Conversations.Where(c => c.Escalated).OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id).Select(c => c.Id.ToString()).ToList();

        var first = await olivia.GetJsonAsync("/api/review/conversations?escalated=true&pageSize=7&page=1");
        var second = await olivia.GetJsonAsync("/api/review/conversations?escalated=true&pageSize=7&page=2");

        Assert.Equal(expected.Take(14), first["conversations"]!.AsArray().Concat(second["conversations"]!.AsArray()).Select(c => (string)c!["id"]!));
        Assert.Equal(2, (int)second["page"]!);
    }

    [Fact]
    public async Task A_text_search_shows_the_message_that_matched()
    {
        using var olivia = await SupervisorAsync();

        var page = await olivia.GetJsonAsync("/api/review/conversations?text=warranty&pageSize=5");

        Assert.NotEmpty(page["conversations"]!.AsArray());
        Assert.All(page["conversations"]!.AsArray(), c => Assert.Contains("warranty", (string)c!["match"]!, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("intent=where_is_my_pony", "intent", "not an intent the model knows")]
    [InlineData("pageSize=500", "pageSize", "1 to 100")]
    [InlineData("sentimentMin=0.5&sentimentMax=-0.5", "sentimentMin", "above the highest")]
    [InlineData("sentimentMax=3", "sentimentMax", "-1 to 1")]
    [InlineData("from=2026-11-10&to=2026-11-01", "from", "starts after it ends")]
    public async Task A_search_the_store_cannot_answer_is_refused_with_the_reason(string query, string field, string reason)
    {
        using var olivia = await SupervisorAsync();

        using var response = await olivia.Client.GetAsync("/api/review/conversations?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(reason, (string)problem["errors"]![field]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transcript_shows_every_message_and_each_customer_message_with_its_intent_confidence_and_sentiment()
    {
        await using var db = App.NewDb();
        var conversation = await db.Escalations.Where(e => e.AcceptedAt != null).Select(e => e.Conversation!).FirstAsync();
        var stored = await db.Interactions.Where(i => i.ConversationId == conversation.Id).OrderBy(i => i.Id).ToListAsync();
        using var olivia = await SupervisorAsync();

        var transcript = await olivia.GetJsonAsync($"/api/review/conversations/{conversation.Id}");

        var messages = transcript["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
        Assert.Equal(stored.Select(i => i.Id), messages.Select(m => (long)m["id"]!));
        Assert.All(messages.Zip(stored), pair =>
        {
            var (shown, row) = pair;
            Assert.Equal(row.Text, (string)shown["text"]!);
            if (row.Direction == InteractionDirection.Inbound)
            {
                Assert.Equal(row.Intent, (string)shown["intent"]!);
                Assert.Equal(row.Confidence, (double)shown["confidence"]!);
                Assert.Equal(row.SentimentScore, (double)shown["sentimentScore"]!);
                Assert.Equal(row.SentimentLabel, (string)shown["sentimentLabel"]!);
            }
            else
            {
                Assert.Null(shown["intent"]);
            }
        });
        Assert.Contains(messages, m => (string)m["author"]! == "Agent" && m["authorName"] is not null);
        var escalation = Assert.Single(transcript["escalations"]!.AsArray());
        Assert.NotNull(escalation!["agentName"]);
    }

    [Fact]
    public async Task An_unknown_conversation_is_not_found()
    {
        using var olivia = await SupervisorAsync();

        using var response = await olivia.Client.GetAsync($"/api/review/conversations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<ReviewBrowser> SupervisorAsync() => ReviewBrowser.SignInAsync(App, StaffRoster.SupervisorEmail, StaffRoster.SupervisorPassword);

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    private sealed record Message(bool Inbound, string Text, string? Intent, double? Sentiment);

    private sealed record Row(Guid Id, string Channel, int? CustomerId, string? CustomerName, string? CustomerEmail, DateTimeOffset StartedAt, bool Escalated, List<Message> Messages);

    private sealed record Store(List<Row> Conversations);

    /// <summary>Every conversation with its messages, read in full: the search's answers are worked out from this by hand.</summary>
    private async Task<Store> StoreAsync()
    {
        await using var db = App.NewDb();
        var messages = (await db.Interactions.AsNoTracking().ToListAsync()).ToLookup(i => i.ConversationId);
        var escalated = (await db.Escalations.Select(e => e.ConversationId).ToListAsync()).ToHashSet();
        var conversations = await db.Conversations.AsNoTracking().Include(c => c.Customer).ToListAsync();
        return new Store(conversations.Select(c => new Row(c.Id, c.Channel, c.CustomerId, c.Customer?.FullName, c.Customer?.Email, c.StartedAt, escalated.Contains(c.Id),
            messages[c.Id].Select(m => new Message(m.Direction == InteractionDirection.Inbound, m.Text, m.Intent, m.SentimentScore)).ToList())).ToList());
    }
}
