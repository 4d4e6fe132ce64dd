using CrmBot.Core.Supervision;
using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Tests.Supervision;

/// <summary>
/// The alert rule on hand-computed rolling sentiment (window 5, decay 0.6, rounded to 4 places as the engine stores it)
/// with the shipped settings: threshold -0.5, steep drop 0.6 over 3 customer messages, recovery at -0.2.
/// </summary>
public sealed class SentimentAlertRuleTests
{
    private readonly SentimentAlertRule _rule = new(new SupervisorOptions(), new ConversationSentiment(window: 5, decay: 0.6));

    [Fact]
    public void One_angry_first_message_raises_a_threshold_alert()
    {
        var decision = _rule.Decide([-0.9], alertOutstanding: false);

        Assert.Equal(AlertVerdict.Raise, decision.Verdict);
        Assert.Equal(AlertKind.BelowThreshold, decision.Kind);
        Assert.Equal(-0.9, decision.Sentiment);
    }

    [Fact]
    public void The_threshold_itself_raises_and_just_above_it_does_not()
    {
        Assert.Equal(AlertVerdict.Raise, _rule.Decide([-0.5], false).Verdict);
        // From the neutral start that is a drop of 0.4999, below the steep drop too.
        Assert.Equal(AlertVerdict.None, _rule.Decide([-0.4999], false).Verdict);
    }

    [Fact]
    public void A_fall_from_happy_to_neutral_within_three_messages_is_a_steep_drop()
    {
        // Rolling: 0.8, 0.8, 0.8, then 0.1566 after the -0.6: a fall of 0.6434 while still above the threshold.
        var decision = _rule.Decide([0.8, 0.8, 0.8, -0.6], false);

        Assert.Equal(AlertVerdict.Raise, decision.Verdict);
        Assert.Equal(AlertKind.SteepDrop, decision.Kind);
        Assert.Equal(0.1566, decision.Sentiment);
        Assert.Equal(0.6434, decision.Drop);
    }

    [Fact]
    public void A_smaller_fall_is_not_steep()
    {
        // 0.6 to 0.2324: a fall of 0.3676.
        Assert.Equal(AlertVerdict.None, _rule.Decide([0.6, 0.6, 0.6, -0.2], false).Verdict);
    }

    [Fact]
    public void A_slow_slide_rings_only_when_it_crosses_the_threshold()
    {
        double[] scores = [0.6, 0.4, 0.2, 0.0, -0.2, -0.4, -0.6, -0.8];

        var verdicts = Enumerable.Range(1, scores.Length).Select(n => _rule.Decide(scores[..n], false)).ToList();

        // Rolling: 0.6, 0.475, 0.3347, 0.1809, 0.0157, -0.1843, -0.3843, -0.5843; no three messages fall 0.6.
        Assert.All(verdicts.Take(7), d => Assert.Equal(AlertVerdict.None, d.Verdict));
        Assert.Equal(AlertVerdict.Raise, verdicts[^1].Verdict);
        Assert.Equal(AlertKind.BelowThreshold, verdicts[^1].Kind);
        Assert.Equal(-0.5843, verdicts[^1].Sentiment);
    }

    [Fact]
    public void The_drop_is_measured_from_the_highest_point_of_the_last_three_messages_not_the_whole_conversation()
    {
        // Eight scores (the drop window plus the rolling window): rolling 0.9 after five happy messages, then 0.3795,
        // 0.0672, -0.1201 after three mildly negative ones, a fall of 1.0201.
        var decision = _rule.Decide([0.9, 0.9, 0.9, 0.9, 0.9, -0.3, -0.3, -0.3], false);

        Assert.Equal(8, _rule.ScoresNeeded);
        Assert.Equal(AlertKind.SteepDrop, decision.Kind);
        Assert.Equal(1.0201, decision.Drop);
    }

    [Fact]
    public void While_an_alert_is_outstanding_nothing_more_is_raised_until_the_conversation_recovers()
    {
        Assert.Equal(AlertVerdict.Raise, _rule.Decide([-0.9], false).Verdict);

        // Still angry: no second alert.
        Assert.Equal(AlertVerdict.None, _rule.Decide([-0.9, -0.9], alertOutstanding: true).Verdict);
        // Back to -0.1857, at or above the recovery mark of -0.2: the alert clears.
        var recovered = _rule.Decide([-0.9, -0.9, 0.5], alertOutstanding: true);
        Assert.Equal(AlertVerdict.Clear, recovered.Verdict);
        // Angry again after recovering (-0.5369): a new alert.
        var again = _rule.Decide([-0.9, -0.9, 0.5, -0.95], alertOutstanding: false);
        Assert.Equal(AlertVerdict.Raise, again.Verdict);
        Assert.Equal(-0.5369, again.Sentiment);
    }

    [Fact]
    public void Climbing_above_the_threshold_but_not_to_the_recovery_mark_does_not_clear()
    {
        // -0.6, then -0.4125: above the threshold, below -0.2; ringing again on the next dip would be noise.
        Assert.Equal(AlertVerdict.None, _rule.Decide([-0.6, -0.3], alertOutstanding: true).Verdict);
    }

    [Fact]
    public void No_scores_decide_nothing()
    {
        Assert.Equal(AlertVerdict.None, _rule.Decide([], false).Verdict);
    }
}
