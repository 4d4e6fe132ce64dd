using CrmBot.Core.Escalations;

namespace CrmBot.Tests.Escalations;

public class EscalationLifecycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static Escalation Waiting() =>
        Escalation.Open("ESC-LIFE01", Guid.NewGuid(), 7, EscalationReason.CustomerRequest, "asked for a person", "orders", "order_status", 3, -0.2, Start);

    [Fact]
    public void Every_transition_writes_its_trail_row_with_the_state()
    {
        var escalation = Waiting();
        escalation.Assign(4, Start.AddMinutes(1));
        escalation.Requeue(Start.AddMinutes(3), "not accepted in time");
        escalation.Accept(5, Start.AddMinutes(4));
        escalation.Resolve(Start.AddMinutes(10), "solved", "sorted");
        escalation.Rate(5, Start.AddMinutes(11));

        Assert.Equal(
            [EscalationEventKind.Created, EscalationEventKind.Assigned, EscalationEventKind.Requeued, EscalationEventKind.Accepted, EscalationEventKind.Resolved, EscalationEventKind.Rated],
            escalation.Events.Select(e => e.Kind));
        Assert.Equal(4, escalation.Events[2].AgentId);
        Assert.Equal(EscalationStatus.Resolved, escalation.Status);
        Assert.Equal(5, escalation.AgentId);
        Assert.Equal(Start.AddMinutes(4), escalation.AssignedAt);
        Assert.Equal(Start.AddMinutes(4), escalation.AcceptedAt);
        Assert.Equal(Start.AddMinutes(10), escalation.ResolvedAt);
        Assert.Equal(5, escalation.Csat);
    }

    [Fact]
    public void An_escalation_offered_to_one_agent_cannot_be_accepted_by_another()
    {
        var escalation = Waiting();
        escalation.Assign(4, Start.AddMinutes(1));

        Assert.Throws<InvalidOperationException>(() => escalation.Accept(9, Start.AddMinutes(2)));
        Assert.Equal(EscalationStatus.Assigned, escalation.Status);
        Assert.Equal(2, escalation.Events.Count);
    }

    [Fact]
    public void Only_a_resolved_escalation_takes_a_rating_and_only_from_one_to_five()
    {
        var escalation = Waiting();
        Assert.Throws<InvalidOperationException>(() => escalation.Rate(4, Start));
        escalation.Accept(4, Start.AddMinutes(1));
        escalation.HandBack(Start.AddMinutes(2), null);

        Assert.Throws<ArgumentOutOfRangeException>(() => escalation.Rate(6, Start.AddMinutes(3)));
        Assert.Equal(Escalation.HandedBackDisposition, escalation.Disposition);
        Assert.Equal(EscalationEventKind.HandedBack, escalation.Events[^1].Kind);
        Assert.Null(escalation.Csat);
    }

    [Fact]
    public void A_closed_escalation_cannot_be_resolved_again()
    {
        var escalation = Waiting();
        escalation.Accept(4, Start.AddMinutes(1));
        escalation.Resolve(Start.AddMinutes(2), "solved", null);

        Assert.Throws<InvalidOperationException>(() => escalation.Resolve(Start.AddMinutes(3), "solved", null));
        Assert.Throws<InvalidOperationException>(() => escalation.Assign(4, Start.AddMinutes(3)));
    }

    [Fact]
    public void A_waiting_escalation_can_be_abandoned_but_not_one_an_agent_has_joined()
    {
        var waiting = Waiting();
        waiting.Abandon(Start.AddHours(3), "customer left");

        Assert.Equal(EscalationStatus.Abandoned, waiting.Status);
        Assert.Equal(EscalationEventKind.Abandoned, waiting.Events[^1].Kind);
        Assert.Equal("customer left", waiting.Events[^1].Detail);

        var joined = Waiting();
        joined.Accept(4, Start.AddMinutes(1));
        Assert.Throws<InvalidOperationException>(() => joined.Abandon(Start.AddHours(3), "customer left"));
    }
}
