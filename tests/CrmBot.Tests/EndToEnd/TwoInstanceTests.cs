using System.Net;
using System.Text.Json.Nodes;
using CrmBot.Core.Seeding;
using CrmBot.Tests.Infrastructure;
using Xunit.Abstractions;
using static CrmBot.Tests.EndToEnd.StreamingCustomer;

namespace CrmBot.Tests.EndToEnd;

/// <summary>
/// Two real server processes on one PostgreSQL and one Redis (issue 12, item 3): a customer on one instance and an
/// agent on the other complete a hand-off, every message reaching the other side across instances.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TwoInstanceTests(CrmBotAppFixture trained, ITestOutputHelper output)
{
    private const string Priya = "priya.shah@brightwave.example";

    [Fact]
    public async Task A_customer_on_one_instance_and_an_agent_on_the_other_complete_a_hand_off()
    {
        // Two server starts on a busy 2-core machine can take minutes each (ServerProcess allows 8).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var ct = timeout.Token;
        var settings = new Dictionary<string, string> { ["WebChat:DemoSignIn"] = "true", ["Staff:DemoPasswords"] = "true" };
        // The team is in whatever the hour: the queue notice then gives the place in the queue.
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            settings[$"Escalation:OpeningHours:{day}"] = "00:00-23:59:59.9999999";
        }
        await using var cluster = await ScaleOutCluster.StartAsync(trained, settings, ct);
        try
        {
            using (var probe = new HttpClient { BaseAddress = new Uri(cluster.B.BaseUrl) })
            {
                var ready = JsonNode.Parse(await probe.GetStringAsync("/health/ready", ct))!;
                Assert.Equal("Healthy", (string?)ready["checks"]!["redis"]!["status"]);
            }

            // The customer's Web Chat is on A (posts and its WebSocket stream), the agent's console on B (API and hub).
            await using var customer = await StartAsync(cluster.A.BaseUrl, DemoDataSeeder.DemoCustomerEmail, ct);
            await using var priya = await RemoteAgent.SignInAsync(cluster.B.BaseUrl, Priya, StaffRoster.AgentPassword, ct);

            await customer.SayAsync("can I talk to a real person please", ct);
            await customer.WaitForAsync(a => Text(a).Contains("in the queue"), "the queue notice", ct);

            // The router runs on whichever instance holds the background lease; either way it assigns the escalation to her.
            Assert.Equal(HttpStatusCode.NoContent, await priya.PostAsync("/api/agent/presence", new { presence = "Available" }, ct));
            var escalationId = await EventuallyAsync(async () =>
                (await priya.GetJsonAsync("/api/agent/queue", ct))["mine"]!.AsArray().Select(e => (int?)e!["id"]).FirstOrDefault(), "the escalation assigned to Priya", ct);
            Assert.Equal(HttpStatusCode.OK, await priya.PostAsync($"/api/agent/escalations/{escalationId}/accept", new { }, ct));

            // B stores the join notice and the agent's message; A's stream shows them.
            await customer.WaitForAsync(a => Text(a).StartsWith("Priya Shah ") && Text(a).Contains("has joined"), "the agent's join notice (sent on B)", ct);
            const string agentText = "Hi Alice, I'm looking at your order now.";
            Assert.Equal(HttpStatusCode.Created, await priya.PostAsync($"/api/agent/escalations/{escalationId}/messages", new { text = agentText }, ct));
            var fromAgent = await customer.WaitForAsync(a => Text(a) == agentText, "the agent's message (sent on B)", ct);
            Assert.Equal("Priya Shah", (string?)fromAgent["from"]!["name"]);

            // A relays the customer's message; B's console hears it over the SignalR backplane and reads it from the store.
            const string customerText = "thank you, it is the headphones I ordered last week";
            await customer.SayAsync(customerText, ct);
            await EventuallyAsync(() => Task.FromResult(priya.HubMessages.Any(m => m.EscalationId == escalationId && m.Message.GetRawText().Contains(customerText)) ? (bool?)true : null),
                "the customer's message on the agent hub of B", ct);
            await EventuallyAsync(async () => (await priya.GetJsonAsync($"/api/agent/escalations/{escalationId}", ct))["transcript"]!.AsArray()
                .Any(m => (string?)m!["text"] == customerText) ? (bool?)true : null, "the customer's message in B's transcript", ct);

            Assert.Equal(HttpStatusCode.OK, await priya.PostAsync($"/api/agent/escalations/{escalationId}/resolve", new { disposition = "solved", note = "Order checked" }, ct));
            await customer.WaitForAsync(a => Text(a) == "Priya Shah has left the chat.", "the agent's leave notice (sent on B)", ct);
            await customer.WaitForAsync(a => a["suggestedActions"] is not null && Text(a).Contains("rate"), "the rating question", ct);

            // Each message reached the customer's stream once, though two instances published to it.
            var shown = customer.Texts();
            Assert.Equal(1, shown.Count(t => t == agentText));
            Assert.Equal(1, shown.Count(t => t == "Priya Shah has left the chat."));
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, CancellationToken ct) where T : struct
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"No {what} within 30 s.");
    }
}
