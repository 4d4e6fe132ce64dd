using CrmBot.Core.Escalations;
using CrmBot.Tests.Infrastructure;
using static CrmBot.Tests.Handoff.WebChatCustomer;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// The agent hub shows live what the agent API would let the agent open: a waiting escalation only to agents who
/// serve its queue. No agent goes Available here, so escalations stay waiting.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AgentHubScopeTests(CrmBotAppFixture trained, HandoffAppPerClass apps) : IClassFixture<HandoffAppPerClass>
{
    private const string Tom = "tom.walker@brightwave.example";
    private const string Priya = "priya.shah@brightwave.example";

    private HandoffApp App => apps.Get(trained);

    [Fact]
    public async Task Waiting_escalation_is_shown_live_only_to_agents_with_its_skill()
    {
        var app = App;
        await using var tom = await AgentHubClient.ConnectAsync(app, Tom);
        await using var priya = await AgentHubClient.ConnectAsync(app, Priya);

        var customer = await StartAsync(app);
        await customer.ReplyToAsync(await customer.SayAsync("I need a copy of my invoice"));
        await customer.ReplyToAsync(await customer.SayAsync("can I talk to a real person please"));
        var escalation = await app.EscalationOfAsync(customer);
        await customer.SayAsync("it is about being charged twice for the same order");
        await tom.WaitForAsync("message", escalation.Id);
        // Whatever reached Tom went out at the same time; a little longer for anything on its way to Priya.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal("billing", escalation.Queue);
        Assert.Equal(EscalationStatus.Pending, escalation.Status);
        Assert.Empty(priya.EventsAbout(escalation.Id));
    }
}
