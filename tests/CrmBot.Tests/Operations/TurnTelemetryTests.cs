using System.Collections.Concurrent;
using System.Diagnostics;
using CrmBot.Core.Telemetry;
using CrmBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Operations;

[Collection(AppCollection.Name)]
public sealed class TurnTelemetryTests(CrmBotAppFixture app)
{
    [Fact]
    public async Task A_chat_turn_records_its_latency_understanding_time_and_store_time()
    {
        using var recorded = new RecordedMeasurements(app.Services);
        var chat = new ChatSession(app);

        await chat.SayAsync("how much is next day delivery");

        var turn = Assert.Single(recorded.Of("crmbot.turn.duration", TurnTelemetry.ChannelTag, "test"));
        var understanding = Assert.Single(recorded.Of("crmbot.turn.understanding.duration", TurnTelemetry.ChannelTag, "test"));
        var store = Assert.Single(recorded.Of("crmbot.turn.store.duration", TurnTelemetry.ChannelTag, "test"));
        Assert.True(understanding > 0, $"understanding took {understanding} ms");
        Assert.True(store > 0, $"the saves took {store} ms");
        // The turn holds both, measured on the same clock.
        Assert.True(turn >= understanding + store, $"turn {turn} ms, understanding {understanding} ms, store {store} ms");
    }

    [Fact]
    public async Task A_turn_span_carries_intent_and_sentiment_but_nothing_the_customer_wrote()
    {
        var source = app.Services.GetRequiredService<TurnTelemetry>().Source;
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var chat = new ChatSession(app);

        var turn = await chat.SayAsync("I'm Jane Fairweather, jane.fairweather@example.com, 07700 900123, my card 4111 1111 1111 1111 was charged twice and I'm furious");

        var span = Assert.Single(spans);
        var tags = span.TagObjects.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(turn.Understanding!.Intent, tags["crmbot.intent"]);
        Assert.Equal(turn.Understanding.SentimentLabel, tags["crmbot.sentiment.label"]);
        Assert.Equal(Math.Round(turn.Understanding.SentimentScore, 4), tags["crmbot.sentiment.score"]);
        Assert.Equal(turn.ConversationId.ToString(), tags["crmbot.conversation.id"]);
        Assert.Equal("test", tags["crmbot.channel"]);
        Assert.Equal(
            new[]
            {
                "crmbot.channel", "crmbot.conversation.id", "crmbot.duplicate", "crmbot.escalated", "crmbot.handled_by", "crmbot.intent",
                "crmbot.intent.confidence", "crmbot.sentiment.label", "crmbot.sentiment.score",
            },
            tags.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach (var (key, value) in tags)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            // Neither the words nor the channel's own ids (a Teams conversation or user id can name a person).
            foreach (var written in new[] { "Jane", "Fairweather", "example.com", "07700", "4111", "charged", "furious", chat.ConversationId, chat.AccountId })
            {
                Assert.DoesNotContain(written, text, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.Empty(span.Events);
    }
}
