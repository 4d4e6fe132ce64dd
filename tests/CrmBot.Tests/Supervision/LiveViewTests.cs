using System.Net;
using System.Text.Json.Nodes;
using CrmBot.Core.Conversations;
using CrmBot.Core.Engine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Handoff;
using CrmBot.Core.Supervision;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmBot.Tests.Supervision;

/// <summary>
/// The live list's figures and the alerts, on the real app with a fake clock (so waiting and handle times are exact
/// and the background router only runs when the test moves time): conversations are driven through the real engine.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LiveViewTests(CrmBotAppFixture trained) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private HandoffApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new HandoffApp(HandoffApp.NewDataDirectory(trained), _clock);
        _ = _app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TestDirectories.Delete(_app.DataDirectory);
    }

    private ConversationEngine Engine => _app.Services.GetRequiredService<ConversationEngine>();

    private async Task<Guid> SayAsync(string conversation, params string[] messages)
    {
        Guid id = default;
        foreach (var text in messages)
        {
            id = (await Engine.HandleAsync(new InboundMessage("test", conversation, "user-" + conversation, text, Guid.NewGuid().ToString("N")), default)).ConversationId;
        }
        return id;
    }

    [Fact]
    public async Task Each_active_conversation_shows_its_owner_intent_mood_and_times()
    {
        var withBot = await SayAsync("bot-" + Guid.NewGuid().ToString("N"), "hello", "where is my order");
        var waiting = await SayAsync("wait-" + Guid.NewGuid().ToString("N"), "I want to talk to a real person now");
        var working = await SayAsync("work-" + Guid.NewGuid().ToString("N"), "can I speak to a human please");
        _clock.Advance(TimeSpan.FromSeconds(30));
        await using (var db = _app.NewDb())
        {
            var emma = await db.Agents.FirstAsync(a => a.Email == "emma.clarke@brightwave.example");
            var escalationId = await db.Escalations.Where(e => e.ConversationId == working).Select(e => e.Id).SingleAsync();
            Assert.Equal(HandoffOutcome.Ok, (await _app.Services.GetRequiredService<HandoffService>().AcceptAsync(db, emma, escalationId, default)).Outcome);
        }
        _clock.Advance(TimeSpan.FromSeconds(60));
        using var olivia = await SupervisorBrowser.SignInAsync(_app);

        var view = await olivia.ListAsync();

        var rows = view["conversations"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (Guid)r["id"]!);
        Assert.Equal(3, rows.Count);
        await using var store = _app.NewDb();
        foreach (var (id, row) in rows)
        {
            var conversation = await store.Conversations.SingleAsync(c => c.Id == id);
            var customerMessages = await store.Interactions.Where(i => i.ConversationId == id && i.Author == InteractionAuthor.Customer)
                .OrderBy(i => i.Id).ToListAsync();
            Assert.Equal("test", (string)row["channel"]!);
            Assert.Equal("Guest", (string)row["customer"]!);
            Assert.Equal(conversation.Sentiment, (double)row["sentiment"]!);
            Assert.Equal(customerMessages.Select(i => Math.Round(i.SentimentScore!.Value, 3)), row["trend"]!.AsArray().Select(s => (double)s!));
            Assert.Equal(customerMessages.Last().Intent, (string?)row["intent"]);
            Assert.Equal(customerMessages.Count, (int)row["customerMessages"]!);
        }
        Assert.Equal("Bot", (string)rows[withBot]["owner"]!["kind"]!);
        Assert.Null(rows[withBot]["escalation"]);
        Assert.Null(rows[withBot]["waitingSeconds"]);

        Assert.Equal("Waiting", (string)rows[waiting]["owner"]!["kind"]!);
        Assert.Equal("general", (string)rows[waiting]["owner"]!["queue"]!);
        Assert.Equal(90, (double)rows[waiting]["waitingSeconds"]!);
        Assert.Null(rows[waiting]["handleSeconds"]);

        Assert.Equal("Agent", (string)rows[working]["owner"]!["kind"]!);
        Assert.Equal("Emma Clarke", (string)rows[working]["owner"]!["agentName"]!);
        Assert.Null(rows[working]["waitingSeconds"]);
        Assert.Equal(60, (double)rows[working]["handleSeconds"]!);
        Assert.Equal(["test"], view["channels"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task Filters_pick_conversations_by_owner_escalation_channel_and_mood()
    {
        var withBot = await SayAsync("bot-" + Guid.NewGuid().ToString("N"), "thanks, that's great, lovely service");
        var waiting = await SayAsync("wait-" + Guid.NewGuid().ToString("N"), "I want to talk to a real person now");
        var working = await SayAsync("work-" + Guid.NewGuid().ToString("N"), "can I speak to a human please");
        int tomId;
        await using (var db = _app.NewDb())
        {
            var tom = await db.Agents.FirstAsync(a => a.Email == "tom.walker@brightwave.example");
            tomId = tom.Id;
            var escalationId = await db.Escalations.Where(e => e.ConversationId == working).Select(e => e.Id).SingleAsync();
            await _app.Services.GetRequiredService<HandoffService>().AcceptAsync(db, tom, escalationId, default);
        }
        using var olivia = await SupervisorBrowser.SignInAsync(_app);
        async Task<Guid[]> Ids(string query) =>
            [.. (await olivia.ListAsync(query))["conversations"]!.AsArray().Select(r => (Guid)r!["id"]!).Order()];
        var botSentiment = (await _app.NewDb().Conversations.SingleAsync(c => c.Id == withBot)).Sentiment;

        Assert.Equal([withBot], await Ids("owner=bot"));
        Assert.Equal([waiting], await Ids("owner=waiting"));
        Assert.Equal([working], await Ids("owner=agent"));
        Assert.Equal([working], await Ids("owner=" + tomId));
        Assert.Equal(new[] { waiting, working }.Order(), await Ids("escalatedOnly=true"));
        Assert.Empty(await Ids("channel=directline"));
        Assert.Equal(3, (await Ids("channel=test")).Length);
        Assert.DoesNotContain(withBot, await Ids(FormattableString.Invariant($"sentimentBelow={botSentiment}")));
        Assert.Contains(withBot, await Ids(FormattableString.Invariant($"sentimentBelow={Math.Min(1, botSentiment + 0.01)}")));
    }

    [Fact]
    public async Task A_conversation_quiet_for_longer_than_the_window_leaves_the_list()
    {
        var quiet = await SayAsync("quiet-" + Guid.NewGuid().ToString("N"), "hello");
        using var olivia = await SupervisorBrowser.SignInAsync(_app);
        Assert.NotNull(await olivia.RowAsync(quiet));

        _clock.Advance(new SupervisorOptions().ActiveWindow + TimeSpan.FromSeconds(1));

        Assert.Null(await olivia.RowAsync(quiet));
    }

    [Fact]
    public async Task An_angry_customer_raises_one_stored_alert_pushed_to_supervisors_until_they_calm_down()
    {
        await using var hub = await SupervisorHubClient.ConnectAsync(_app);
        var conversation = "angry-" + Guid.NewGuid().ToString("N");

        var id = await SayAsync(conversation, "This is absolutely ridiculous, worst service ever, I am furious");
        await SayAsync(conversation, "I am so angry, this is a disgrace, useless company");

        await using var db = _app.NewDb();
        var alert = Assert.Single(await db.SupervisorAlerts.Where(a => a.ConversationId == id).ToListAsync());
        Assert.Equal(AlertKind.BelowThreshold, alert.Kind);
        Assert.Null(alert.ClearedAt);
        var firstMessage = await db.Interactions.Where(i => i.ConversationId == id && i.Author == InteractionAuthor.Customer).OrderBy(i => i.Id).FirstAsync();
        Assert.Equal(firstMessage.Id, alert.InteractionId);
        await Eventually.TrueAsync(() => Task.FromResult(hub.AlertsOf(id).Count == 1 && hub.RowsOf(id).Count >= 2), "the alert and the rows on the hub");
        var pushed = Assert.Single(hub.AlertsOf(id));
        Assert.Equal(alert.Id, pushed.GetProperty("id").GetInt32());
        Assert.Equal("BelowThreshold", pushed.GetProperty("kind").GetString());
        var lastRow = hub.RowsOf(id)[^1];
        Assert.True(lastRow.Active);
        Assert.Equal(alert.Id, lastRow.Row.GetProperty("alert").GetProperty("id").GetInt32());

        using var olivia = await SupervisorBrowser.SignInAsync(_app);
        Assert.Contains((await olivia.ListAsync())["alerts"]!.AsArray(), a => (int)a!["id"]! == alert.Id);
        using var acknowledged = await olivia.PostAsync($"{SupervisorBrowser.Live}/alerts/{alert.Id}/acknowledge");
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.DoesNotContain((await olivia.ListAsync())["alerts"]!.AsArray(), a => (int)a!["id"]! == alert.Id);
        await using var after = _app.NewDb();
        var stored = await after.SupervisorAlerts.SingleAsync(a => a.Id == alert.Id);
        Assert.Equal("Olivia Bennett", stored.AcknowledgedBy);
        // The store keeps times to the tick of its binary format, not the fake clock's full precision.
        Assert.True((stored.AcknowledgedAt!.Value - _clock.GetUtcNow()).Duration() < TimeSpan.FromMilliseconds(1), $"acknowledged at {stored.AcknowledgedAt}");
    }

    [Fact]
    public async Task A_calm_conversation_raises_no_alert()
    {
        var id = await SayAsync("calm-" + Guid.NewGuid().ToString("N"), "hello", "what are your opening hours", "thanks, that's great");

        await using var db = _app.NewDb();
        Assert.False(await db.SupervisorAlerts.AnyAsync(a => a.ConversationId == id));
    }

    [Fact]
    public async Task The_transcript_shows_each_customer_message_with_its_intent_and_sentiment()
    {
        var id = await SayAsync("read-" + Guid.NewGuid().ToString("N"), "<b>hello</b>", "where is my order");
        using var olivia = await SupervisorBrowser.SignInAsync(_app);

        var transcript = await olivia.GetJsonAsync($"{SupervisorBrowser.Live}/conversations/{id}/transcript");
        using var missing = await olivia.Client.GetAsync($"{SupervisorBrowser.Live}/conversations/{Guid.NewGuid()}/transcript");

        var customer = transcript["messages"]!.AsArray().Select(m => m!.AsObject()).Where(m => (string)m["author"]! == "Customer").ToList();
        Assert.Equal(["<b>hello</b>", "where is my order"], customer.Select(m => (string)m["text"]!));
        Assert.All(customer, m => Assert.NotNull((string?)m["intent"]));
        Assert.All(customer, m => Assert.NotNull((double?)m["sentimentScore"]));
        Assert.Equal(id, (Guid)transcript["conversation"]!["id"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
