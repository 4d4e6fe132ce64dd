using System.Net;
using CrmBot.Core.Conversations;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CrmBot.Tests.Handoff.WebChatCustomer;

namespace CrmBot.Tests.Handoff;

/// <summary>A hand-off lives in the store, so a restarted server carries on with it where it was.</summary>
[Collection(AppCollection.Name)]
public sealed class HandoffRestartTests(CrmBotAppFixture trained)
{
    private const string Priya = "priya.shah@brightwave.example";

    [Fact]
    public async Task Hand_off_in_progress_carries_on_after_a_restart()
    {
        var dataDirectory = HandoffApp.NewDataDirectory(trained);
        try
        {
            WebChatCustomer customer;
            int escalationId;
            await using (var before = new HandoffApp(dataDirectory))
            {
                customer = await StartAsync(before);
                await customer.ReplyToAsync(await customer.SayAsync("can I talk to a real person please"));
                escalationId = (await before.EscalationOfAsync(customer)).Id;
                using var priya = await StaffBrowser.AgentAsync(before, Priya);
                await priya.AcceptAsync(escalationId);
                await customer.WaitForAsync(a => IsFromBot(a) && Text(a).Contains("has joined"), "the agent's join notice");
            }

            await using var after = new HandoffApp(dataDirectory);
            var page = customer.ReconnectTo(after);
            using var priyaAgain = await StaffBrowser.AgentAsync(after, Priya);
            var mine = Assert.Single((await priyaAgain.QueueAsync())["mine"]!.AsArray());
            Assert.Equal(escalationId, (int)mine!["id"]!);
            Assert.Equal("Active", (string)mine["status"]!);

            const string agentText = "Still here after our system restarted. Your replacement is on its way.";
            using (var sent = await priyaAgain.PostAsync($"/api/agent/escalations/{escalationId}/messages", new { text = agentText }))
            {
                Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            }
            var fromAgent = await page.WaitForAsync(a => Text(a) == agentText, "the agent's message after the restart");
            Assert.Equal($"agent:{priyaAgain.AgentId}", FromId(fromAgent));

            const string question = "great, will it arrive by tomorrow?";
            var questionId = await page.SayAsync(question);
            var relayed = await priyaAgain.WaitForTranscriptAsync(escalationId, m => (string?)m["text"] == question && m["intent"] is not null, "the customer's message after the restart");
            Assert.Equal("Customer", (string)relayed["author"]!);
            await using var db = after.NewDb();
            var inbound = await db.Interactions.SingleAsync(i => i.ChannelActivityId == questionId);
            Assert.Equal("agent", inbound.HandledBy);
            Assert.False(await db.Interactions.AnyAsync(i => i.ReplyToId == inbound.Id), "The bot answered a message meant for the agent.");
            Assert.Equal(ConversationOwner.Agent, (await db.Conversations.SingleAsync(c => c.Id == inbound.ConversationId)).Owner);
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }
}
