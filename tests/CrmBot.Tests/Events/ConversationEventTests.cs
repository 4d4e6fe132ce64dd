using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Events;
using CrmBot.Core.Handoff;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CrmBot.Core.Engine;

namespace CrmBot.Tests.Events;

[Collection(AppCollection.Name)]
public sealed class ConversationEventTests(CrmBotAppFixture trained) : IAsyncLifetime
{
    private readonly Recorder _recorder = new();
    private HandoffApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new HandoffApp(HandoffApp.NewDataDirectory(trained), services: services =>
        {
            // A handler that always fails comes first: the others, and the customer's turn, must not notice.
            services.AddSingleton<IConversationEventHandler, Failing>();
            services.AddSingleton<IConversationEventHandler>(_recorder);
        });
        _ = _app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TestDirectories.Delete(_app.DataDirectory);
    }

    [Fact]
    public async Task A_turn_is_published_once_answered_with_its_messages_before_the_escalation_it_created()
    {
        var engine = _app.Services.GetRequiredService<ConversationEngine>();
        var conversationId = "events-" + Guid.NewGuid().ToString("N");

        var turn = await engine.HandleAsync(new InboundMessage("test", conversationId, "user-1", "I want to talk to a real person now", "m1"), default);

        Assert.NotNull(turn.EscalationReference);
        // The write-ahead save of the message is not an event: one batch, when the turn is done.
        var batch = Assert.Single(_recorder.Batches);
        var customer = Assert.IsType<MessageStored>(batch[0]);
        Assert.Equal(turn.InteractionId, customer.InteractionId);
        Assert.Equal(InteractionAuthor.Customer, customer.Author);
        Assert.Equal(turn.Understanding!.Intent, customer.Intent);
        Assert.Equal(Math.Round(turn.Understanding.SentimentScore, 4), customer.Sentiment);
        Assert.Equal(ConversationStatus.Escalated, customer.Conversation!.Status);
        Assert.Equal("test", customer.Conversation.Channel);
        var reply = Assert.IsType<MessageStored>(batch[1]);
        Assert.Equal(InteractionAuthor.Bot, reply.Author);
        Assert.Null(reply.Intent);
        var created = Assert.IsType<EscalationChanged>(batch[^1]);
        Assert.Equal(EscalationEventKind.Created, created.Kind);
        Assert.Equal(EscalationStatus.Pending, created.Status);
        Assert.Equal(customer.ConversationId, created.ConversationId);
        Assert.True(created.EscalationId > 0);
    }

    [Fact]
    public async Task An_agent_taking_over_publishes_the_join_notice_and_the_acceptance()
    {
        var engine = _app.Services.GetRequiredService<ConversationEngine>();
        await engine.HandleAsync(new InboundMessage("test", "events-" + Guid.NewGuid().ToString("N"), "user-2", "can I speak to a human please", "m1"), default);
        var escalationId = ((EscalationChanged)_recorder.Batches.Single()[^1]).EscalationId;
        _recorder.Batches.Clear();

        await using var db = _app.NewDb();
        var agent = await db.Agents.FirstAsync(a => a.Skills.Contains("orders"));
        var accepted = await _app.Services.GetRequiredService<HandoffService>().AcceptAsync(db, agent, escalationId, default);

        Assert.Equal(HandoffOutcome.Ok, accepted.Outcome);
        var batch = Assert.Single(_recorder.Batches);
        var notice = Assert.IsType<MessageStored>(batch[0]);
        Assert.Equal(InteractionAuthor.System, notice.Author);
        Assert.Equal(ConversationOwner.Agent, notice.Conversation!.Owner);
        var change = Assert.IsType<EscalationChanged>(Assert.Single(batch, e => e is EscalationChanged));
        Assert.Equal(EscalationEventKind.Accepted, change.Kind);
        Assert.Equal(EscalationStatus.Active, change.Status);
        Assert.Equal(agent.Id, change.AgentId);
    }

    private sealed class Recorder : IConversationEventHandler
    {
        public List<IReadOnlyList<ConversationEvent>> Batches { get; } = [];

        public Task HandleAsync(IReadOnlyList<ConversationEvent> events, CancellationToken ct)
        {
            lock (Batches)
            {
                Batches.Add(events);
            }
            return Task.CompletedTask;
        }
    }

    private sealed class Failing : IConversationEventHandler
    {
        public Task HandleAsync(IReadOnlyList<ConversationEvent> events, CancellationToken ct) => throw new InvalidOperationException("console down");
    }
}
