using CrmBot.Core.Engine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Telemetry;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmBot.Tests.Operations;

/// <summary>On a stopped clock, so the router assigns nothing and the gauges count only when the test asks.</summary>
[Collection(AppCollection.Name)]
public sealed class WorkloadGaugeTests(CrmBotAppFixture trained) : IAsyncLifetime
{
    private HandoffApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new HandoffApp(HandoffApp.NewDataDirectory(trained), new FakeTimeProvider(DateTimeOffset.UtcNow));
        _ = _app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TestDirectories.Delete(_app.DataDirectory);
    }

    [Fact]
    public async Task An_escalation_waiting_shows_in_its_queue_and_its_conversation_as_active()
    {
        using var recorded = new RecordedMeasurements(_app.Services);
        var before = await CountAsync(recorded);

        var turn = await _app.Services.GetRequiredService<ConversationEngine>().HandleAsync(
            new InboundMessage("test", "gauges-" + Guid.NewGuid().ToString("N"), "user-gauges", "I want to talk to a real person now", "m1"), default);

        Assert.NotNull(turn.EscalationReference);
        await using var db = _app.NewDb();
        var queue = await db.Escalations.Where(e => e.ConversationId == turn.ConversationId).Select(e => e.Queue).SingleAsync();
        var after = await CountAsync(recorded);
        Assert.Equal(before.Waiting.GetValueOrDefault(queue) + 1, after.Waiting[queue]);
        Assert.Equal(before.Active + 1, after.Active);
        // Every configured queue is reported, the empty ones as 0.
        Assert.Contains("billing", after.Waiting.Keys);
        Assert.All(after.Waiting.Where(q => q.Key != queue), q => Assert.Equal(before.Waiting.GetValueOrDefault(q.Key), q.Value));
    }

    private async Task<(Dictionary<string, double> Waiting, double Active)> CountAsync(RecordedMeasurements recorded)
    {
        await using (var db = _app.NewDb())
        {
            await _app.Services.GetRequiredService<WorkloadGauges>().RefreshAsync(db, default);
        }
        recorded.Observe();
        var waiting = recorded.All.Where(m => m.Instrument == "crmbot.escalations.waiting")
            .ToDictionary(m => (string)m.Tags[WorkloadGauges.QueueTag]!, m => m.Value);
        return (waiting, Assert.Single(recorded.Of("crmbot.conversations.active")));
    }
}
