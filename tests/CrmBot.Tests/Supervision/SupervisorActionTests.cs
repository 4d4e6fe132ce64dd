using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Engine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Seeding;
using CrmBot.Core.Supervision;
using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmBot.Tests.Supervision;

/// <summary>
/// A supervisor assigning conversations and taking them over, over HTTP against the real app, checked in the store
/// (the escalation's status and trail). The clock is a fake one, so the background router stays still.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SupervisorActionTests(CrmBotAppFixture trained) : IAsyncLifetime
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

    private async Task<Guid> ChatAsync(string text)
    {
        var engine = _app.Services.GetRequiredService<ConversationEngine>();
        var name = "sup-" + Guid.NewGuid().ToString("N");
        return (await engine.HandleAsync(new InboundMessage("test", name, "user-" + name, text, "m1"), default)).ConversationId;
    }

    private async Task<Agent> AgentAsync(string email, AgentPresence presence = AgentPresence.Available)
    {
        await using var db = _app.NewDb();
        var agent = await db.Agents.FirstAsync(a => a.Email == email);
        agent.Presence = presence;
        await db.SaveChangesAsync();
        return agent;
    }

    private async Task<Escalation?> OpenEscalationAsync(Guid conversationId)
    {
        await using var db = _app.NewDb();
        return await db.Escalations.AsNoTracking().Include(e => e.Events.OrderBy(v => v.Id))
            .Where(e => e.ConversationId == conversationId && Escalation.OpenStatuses.Contains(e.Status)).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task Assigning_a_conversation_the_bot_has_escalates_it_and_offers_it_to_the_agent()
    {
        var conversation = await ChatAsync("hello");
        var priya = await AgentAsync("priya.shah@brightwave.example");
        using var olivia = await SupervisorBrowser.SignInAsync(_app);

        using var response = await olivia.AssignAsync(conversation, priya.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Offered", (string)row["owner"]!["kind"]!);
        Assert.Equal("Priya Shah", (string)row["owner"]!["agentName"]!);
        var escalation = (await OpenEscalationAsync(conversation))!;
        Assert.Equal(EscalationStatus.Assigned, escalation.Status);
        Assert.Equal(priya.Id, escalation.AgentId);
        Assert.Equal(EscalationReason.SupervisorRequest, escalation.Reason);
        Assert.Equal([EscalationEventKind.Created, EscalationEventKind.Assigned], escalation.Events.Select(e => e.Kind));
        await using var db = _app.NewDb();
        Assert.Equal(ConversationStatus.Escalated, (await db.Conversations.SingleAsync(c => c.Id == conversation)).Status);
        // The customer is told, in their chat, as when the bot hands over.
        var notice = await db.Interactions.Where(i => i.ConversationId == conversation).OrderBy(i => i.Id).LastAsync();
        Assert.Equal(InteractionAuthor.Bot, notice.Author);
        Assert.Contains(escalation.Reference, notice.Text);
        // Priya sees it in her console's queue, to accept.
        using var console = await StaffBrowser.AgentAsync(_app, "priya.shah@brightwave.example");
        Assert.Contains((await console.QueueAsync())["mine"]!.AsArray(), e => (int)e!["id"]! == escalation.Id);
    }

    [Fact]
    public async Task An_offer_not_yet_accepted_is_taken_back_and_given_to_the_chosen_agent()
    {
        var conversation = await ChatAsync("I want to talk to a real person now");
        var priya = await AgentAsync("priya.shah@brightwave.example");
        var james = await AgentAsync("james.reid@brightwave.example");
        using var olivia = await SupervisorBrowser.SignInAsync(_app);
        using (var first = await olivia.AssignAsync(conversation, priya.Id))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await olivia.AssignAsync(conversation, james.Id);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var escalation = (await OpenEscalationAsync(conversation))!;
        Assert.Equal(james.Id, escalation.AgentId);
        Assert.Equal(EscalationReason.CustomerRequest, escalation.Reason);
        Assert.Equal([EscalationEventKind.Created, EscalationEventKind.Assigned, EscalationEventKind.Requeued, EscalationEventKind.Assigned],
            escalation.Events.Select(e => e.Kind));
        Assert.Equal("reassigned by a supervisor", escalation.Events[2].Detail);
    }

    [Fact]
    public async Task Assignments_that_cannot_work_are_refused_with_the_reason()
    {
        var conversation = await ChatAsync("I want to talk to a real person now");
        var tom = await AgentAsync("tom.walker@brightwave.example", AgentPresence.Away);
        var emma = await AgentAsync("emma.clarke@brightwave.example");
        using var olivia = await SupervisorBrowser.SignInAsync(_app);

        using var away = await olivia.AssignAsync(conversation, tom.Id);
        using var nobody = await olivia.AssignAsync(conversation, 99_999);
        using var noConversation = await olivia.AssignAsync(Guid.NewGuid(), emma.Id);
        using var noAgent = await olivia.PostAsync($"{SupervisorBrowser.Live}/conversations/{conversation}/assign", new { });

        Assert.Equal(HttpStatusCode.Conflict, away.StatusCode);
        Assert.Contains("Tom Walker is away", await SupervisorBrowser.ProblemAsync(away));
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noConversation.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noAgent.StatusCode);
        Assert.Equal(EscalationStatus.Pending, (await OpenEscalationAsync(conversation))!.Status);

        // Once an agent is working it, it stays with them.
        await using (var db = _app.NewDb())
        {
            var escalation = await db.Escalations.SingleAsync(e => e.ConversationId == conversation);
            var handoff = _app.Services.GetRequiredService<CrmBot.Core.Handoff.HandoffService>();
            var agent = await db.Agents.SingleAsync(a => a.Id == emma.Id);
            Assert.Equal(CrmBot.Core.Handoff.HandoffOutcome.Ok, (await handoff.AcceptAsync(db, agent, escalation.Id, default)).Outcome);
        }
        var james = await AgentAsync("james.reid@brightwave.example");
        using var working = await olivia.AssignAsync(conversation, james.Id);
        Assert.Equal(HttpStatusCode.Conflict, working.StatusCode);
        Assert.Contains("already with Emma Clarke", await SupervisorBrowser.ProblemAsync(working));
    }

    [Fact]
    public async Task An_agent_at_capacity_is_not_given_more()
    {
        var daniel = await AgentAsync("daniel.okafor@brightwave.example");
        using var olivia = await SupervisorBrowser.SignInAsync(_app);
        for (int i = 0; i < daniel.Capacity; i++)
        {
            using var given = await olivia.AssignAsync(await ChatAsync("hello"), daniel.Id);
            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        }
        var oneTooMany = await ChatAsync("hello");

        using var refused = await olivia.AssignAsync(oneTooMany, daniel.Id);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("capacity", await SupervisorBrowser.ProblemAsync(refused));
        Assert.Null(await OpenEscalationAsync(oneTooMany));
    }

    [Fact]
    public async Task A_supervisor_without_an_agent_profile_cannot_take_over_and_is_told_why()
    {
        var conversation = await ChatAsync("hello");
        using var olivia = await SupervisorBrowser.SignInAsync(_app);

        var me = await olivia.MeAsync();
        using var refused = await olivia.TakeOverAsync(conversation);

        Assert.Null((int?)me["agentId"]);
        Assert.Contains("no agent profile", (string)me["takeOverUnavailable"]!);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("no agent profile", await SupervisorBrowser.ProblemAsync(refused));
        Assert.Null(await OpenEscalationAsync(conversation));
    }

    [Fact]
    public async Task A_supervisor_who_is_also_an_agent_takes_the_conversation_over_from_the_bot()
    {
        var supervisorAgentId = await MakeOliviaAnAgentAsync(skills: "orders");
        var conversation = await ChatAsync("hello");
        using var olivia = await SupervisorBrowser.SignInAsync(_app);

        var me = await olivia.MeAsync();
        using var response = await olivia.TakeOverAsync(conversation);

        Assert.Equal(supervisorAgentId, (int)me["agentId"]!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Agent", (string)row["owner"]!["kind"]!);
        Assert.Equal("Olivia Bennett", (string)row["owner"]!["agentName"]!);
        var escalation = (await OpenEscalationAsync(conversation))!;
        Assert.Equal(EscalationStatus.Active, escalation.Status);
        Assert.Equal(supervisorAgentId, escalation.AgentId);
        Assert.Equal([EscalationEventKind.Created, EscalationEventKind.Accepted], escalation.Events.Select(e => e.Kind));
        await using var db = _app.NewDb();
        Assert.Equal(ConversationOwner.Agent, (await db.Conversations.SingleAsync(c => c.Id == conversation)).Owner);
    }

    [Fact]
    public async Task Taking_over_a_queue_the_supervisor_does_not_serve_is_refused_before_anything_changes()
    {
        await MakeOliviaAnAgentAsync(skills: "billing");
        // Whatever the customer asked about, pin it to a queue Olivia does not serve.
        var conversation = await ChatAsync("hello");
        await using (var db = _app.NewDb())
        {
            (await db.Conversations.SingleAsync(c => c.Id == conversation)).Topic = "track_order";
            await db.SaveChangesAsync();
        }
        using var olivia = await SupervisorBrowser.SignInAsync(_app);

        using var refused = await olivia.TakeOverAsync(conversation);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("orders queue", await SupervisorBrowser.ProblemAsync(refused));
        Assert.Null(await OpenEscalationAsync(conversation));
    }

    // Olivia, the seeded supervisor, gets an agent profile as `staff` would give one.
    private async Task<int> MakeOliviaAnAgentAsync(string skills)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<CrmBot.Core.Storage.CrmDbContext>();
        var user = (await users.FindByEmailAsync(StaffRoster.SupervisorEmail))!;
        var agent = new Agent { DisplayName = user.DisplayName, Email = user.Email!, Skills = skills, Capacity = 3, UserId = user.Id };
        db.Agents.Add(agent);
        await db.SaveChangesAsync();
        return agent.Id;
    }
}
