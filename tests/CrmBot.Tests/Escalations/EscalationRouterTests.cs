using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Escalations;
using CrmBot.Core.Storage;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmBot.Tests.Escalations;

/// <summary>Queue routing on the suite's store with the real migrations and a fake clock.</summary>
public sealed class EscalationRouterTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmbot-router-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly EscalationOptions _options = new() { AcceptTimeout = TimeSpan.FromMinutes(2), PriorityAgeing = TimeSpan.FromMinutes(10) };
    private CrmDbContext _db = null!;
    private EscalationRouter _router = null!;
    private Guid _conversationId;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _db = TestDatabases.Open(_directory);
        await _db.Database.MigrateAsync();
        var conversation = new Conversation { Id = Guid.NewGuid(), Channel = "test", ChannelConversationId = "c1", StartedAt = _time.GetUtcNow(), LastActivityAt = _time.GetUtcNow() };
        _db.Conversations.Add(conversation);
        await _db.SaveChangesAsync();
        _conversationId = conversation.Id;
        _router = new EscalationRouter(Options.Create(_options), _time, NullLogger<EscalationRouter>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        TestDirectories.Delete(_directory);
    }

    private async Task<Agent> AgentAsync(string name, string skills, AgentPresence presence = AgentPresence.Available, int capacity = 3)
    {
        var agent = new Agent { DisplayName = name, Email = name.ToLowerInvariant() + "@brightwave.example", Skills = skills, Capacity = capacity, Presence = presence };
        _db.Agents.Add(agent);
        await _db.SaveChangesAsync();
        return agent;
    }

    private async Task<Escalation> EscalationAsync(string queue, int priority, TimeSpan waited = default)
    {
        var escalation = Escalation.Open("ESC-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), _conversationId, null,
            EscalationReason.CustomerRequest, "test", queue, null, priority, null, _time.GetUtcNow() - waited);
        _db.Escalations.Add(escalation);
        await _db.SaveChangesAsync();
        return escalation;
    }

    [Fact]
    public async Task Escalation_goes_to_the_least_loaded_available_agent_with_the_skill()
    {
        var busy = await AgentAsync("Busy", "orders");
        var free = await AgentAsync("Free", "orders");
        await AgentAsync("Billing", "billing");
        await AgentAsync("Away", "orders", AgentPresence.Away);
        var first = await EscalationAsync("orders", 3);
        first.Accept(busy.Id, _time.GetUtcNow());
        await _db.SaveChangesAsync();
        var waiting = await EscalationAsync("orders", 3);

        var assigned = await _router.AssignAsync(_db, default);

        Assert.Equal(waiting.Id, Assert.Single(assigned).Id);
        Assert.Equal(free.Id, waiting.AgentId);
        Assert.Equal(EscalationStatus.Assigned, waiting.Status);
        Assert.Equal(_time.GetUtcNow(), waiting.AssignedAt);
    }

    [Fact]
    public async Task Agent_at_capacity_gets_nothing_more_and_the_escalation_keeps_waiting()
    {
        await AgentAsync("Solo", "returns", capacity: 1);
        await EscalationAsync("returns", 2);
        var second = await EscalationAsync("returns", 3);

        await _router.AssignAsync(_db, default);

        Assert.Equal(EscalationStatus.Pending, second.Status);
        Assert.Null(second.AgentId);
    }

    [Fact]
    public async Task More_urgent_escalation_is_served_first_but_a_long_wait_catches_up()
    {
        await AgentAsync("Solo", "orders", capacity: 1);
        var vip = await EscalationAsync("orders", 1);
        var old = await EscalationAsync("orders", 3, waited: TimeSpan.FromMinutes(35));

        Assert.Equal(0, _router.EffectivePriority(old, _time.GetUtcNow()));
        await _router.AssignAsync(_db, default);

        Assert.Equal(EscalationStatus.Assigned, old.Status);
        Assert.Equal(EscalationStatus.Pending, vip.Status);
    }

    [Fact]
    public async Task General_queue_is_served_by_any_agent()
    {
        await AgentAsync("Tech", "technical");
        var general = await EscalationAsync("general", 3);
        await _router.AssignAsync(_db, default);
        Assert.Equal(EscalationStatus.Assigned, general.Status);
    }

    [Fact]
    public async Task Assignment_not_accepted_in_time_returns_to_the_queue_and_the_agent_is_set_away()
    {
        var agent = await AgentAsync("Slow", "orders");
        var escalation = await EscalationAsync("orders", 3);
        await _router.AssignAsync(_db, default);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await _router.RequeueAsync(_db, default));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await _router.RequeueAsync(_db, default));

        Assert.Equal(EscalationStatus.Pending, escalation.Status);
        Assert.Null(escalation.AgentId);
        Assert.Null(escalation.AssignedAt);
        Assert.Equal(AgentPresence.Away, agent.Presence);
        Assert.Equal([EscalationEventKind.Created, EscalationEventKind.Assigned, EscalationEventKind.Requeued], escalation.Events.Select(e => e.Kind));
        Assert.Equal("not accepted in time", escalation.Events[^1].Detail);
    }

    [Fact]
    public async Task Assignment_of_an_agent_who_went_offline_returns_to_the_queue()
    {
        var agent = await AgentAsync("Leaving", "orders");
        var escalation = await EscalationAsync("orders", 3);
        await _router.AssignAsync(_db, default);

        agent.Presence = AgentPresence.Offline;
        await _db.SaveChangesAsync();
        await _router.RequeueAsync(_db, default);

        Assert.Equal(EscalationStatus.Pending, escalation.Status);
        Assert.Equal(AgentPresence.Offline, agent.Presence);
        Assert.Equal("agent offline", escalation.Events[^1].Detail);
    }

    [Fact]
    public async Task Queue_place_counts_more_urgent_and_earlier_escalations_and_the_wait_comes_from_recent_hand_offs()
    {
        var one = await AgentAsync("One", "billing");
        await AgentAsync("Two", "billing");
        foreach (var minutes in new[] { 2, 4, 6 })
        {
            var done = await EscalationAsync("billing", 3, waited: TimeSpan.FromHours(1));
            done.Accept(one.Id, done.CreatedAt + TimeSpan.FromMinutes(minutes));
            done.Resolve(done.CreatedAt + TimeSpan.FromMinutes(minutes + 5), "solved", null);
        }
        await _db.SaveChangesAsync();
        await EscalationAsync("billing", 2);
        await EscalationAsync("billing", 3, waited: TimeSpan.FromMinutes(1));
        await EscalationAsync("orders", 1);
        var mine = await EscalationAsync("billing", 3);

        var status = await _router.StatusAsync(_db, mine, default);

        Assert.Equal(3, status.Position);
        Assert.Equal(TimeSpan.FromMinutes(4 * 3 / 2.0), status.EstimatedWait);
        Assert.Equal("You're number 3 in the queue; the wait is usually about 6 minutes.", status.Describe());
    }

    [Fact]
    public async Task Without_history_the_customer_gets_a_place_but_no_made_up_wait()
    {
        var mine = await EscalationAsync("technical", 3);
        var status = await _router.StatusAsync(_db, mine, default);
        Assert.Equal(new QueueStatus(1, null), status);
        Assert.Equal("You're next in the queue.", status.Describe());
    }
}
