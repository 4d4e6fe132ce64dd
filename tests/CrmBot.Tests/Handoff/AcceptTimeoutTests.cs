using CrmBot.Core.Escalations;
using CrmBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CrmBot.Tests.Handoff.WebChatCustomer;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// An assignment the agent does not accept goes back to the queue, driven by the real background router on a fake
/// clock: the test moves time forward in the router's 5-second steps and watches the store.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AcceptTimeoutTests(CrmBotAppFixture trained)
{
    private static readonly TimeSpan AcceptTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Escalation_not_accepted_in_time_goes_back_to_the_queue_and_the_agent_is_set_away()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dataDirectory = HandoffApp.NewDataDirectory(trained);
        try
        {
            await using var app = new HandoffApp(dataDirectory, clock, new Dictionary<string, string> { ["Escalation:AcceptTimeout"] = AcceptTimeout.ToString() });
            var customer = await StartAsync(app);
            await customer.ReplyToAsync(await customer.SayAsync("can I talk to a real person please"));
            using var priya = await StaffBrowser.AgentAsync(app, "priya.shah@brightwave.example");
            await priya.SetPresenceAsync("Available");
            var assigned = await app.EscalationOfAsync(customer);
            Assert.Equal(EscalationStatus.Assigned, assigned.Status);

            clock.Advance(AcceptTimeout - EscalationAssignmentService.Interval);
            await using (var db = app.NewDb())
            {
                Assert.Equal(0, await app.Services.GetRequiredService<EscalationRouter>().RequeueAsync(db, default));
            }
            Assert.Equal(EscalationStatus.Assigned, (await app.EscalationOfAsync(customer)).Status);

            var requeued = await Eventually.GetAsync(async () =>
            {
                if (clock.GetUtcNow() < assigned.AssignedAt + 2 * AcceptTimeout)
                {
                    clock.Advance(EscalationAssignmentService.Interval);
                }
                var now = await app.EscalationOfAsync(customer);
                return now.Status == EscalationStatus.Pending ? now : null;
            }, "the background router to take the assignment back");

            Assert.Null(requeued.AgentId);
            Assert.Null(requeued.AssignedAt);
            var back = requeued.Events.Single(e => e.Kind == EscalationEventKind.Requeued);
            Assert.Equal("not accepted in time", back.Detail);
            Assert.Equal(priya.AgentId, back.AgentId);
            Assert.True(back.At - assigned.AssignedAt > AcceptTimeout, $"re-queued {back.At - assigned.AssignedAt} after assignment");
            Assert.Equal("Away", (string)(await priya.MeAsync())["presence"]!);
            var queue = await priya.QueueAsync();
            Assert.Empty(queue["mine"]!.AsArray());
            Assert.Contains(queue["waiting"]!.AsArray(), e => (int)e!["id"]! == assigned.Id);
        }
        finally
        {
            TestDirectories.Delete(dataDirectory);
        }
    }
}
