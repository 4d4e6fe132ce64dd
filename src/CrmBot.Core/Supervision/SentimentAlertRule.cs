using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Core.Supervision;

public enum AlertVerdict { None, Raise, Clear }

/// <summary>What the rule decided for a conversation after its latest customer message.</summary>
public sealed record AlertDecision(AlertVerdict Verdict, AlertKind Kind, double Sentiment, double Drop);

/// <summary>
/// When a conversation's mood deserves a supervisor's attention. The rolling sentiment is the engine's own
/// (<see cref="ConversationSentiment"/> over <c>Conversation:SentimentWindow</c> customer messages), replayed message by
/// message so its recent course is known without storing it.
/// <list type="bullet">
/// <item>Raise when it is at or below <see cref="SupervisorOptions.AlertThreshold"/>, or when it fell at least
/// <see cref="SupervisorOptions.SteepDrop"/> from its highest point over the last <see cref="SupervisorOptions.DropWindow"/>
/// customer messages (a conversation starts neutral, at 0).</item>
/// <item>Debounce: while a conversation has an alert that has not cleared, nothing more is raised for it; the alert
/// clears when, after a later customer message, the rolling sentiment is back at or above
/// <see cref="SupervisorOptions.RecoverAt"/>. Acknowledging an alert does not clear it.</item>
/// </list>
/// Pure; thread-safe.
/// </summary>
public sealed class SentimentAlertRule(SupervisorOptions options, ConversationSentiment rolling)
{
    /// <summary>How many of the latest customer scores <see cref="Decide"/> needs to see the whole drop window.</summary>
    public int ScoresNeeded => options.DropWindow + rolling.Window;

    /// <param name="scores">
    /// The conversation's customer sentiment scores, oldest first: the last <see cref="ScoresNeeded"/>, or all of them
    /// when there are fewer (then the neutral start counts as the first point).
    /// </param>
    /// <param name="alertOutstanding">Whether the conversation has an alert that has not cleared.</param>
    public AlertDecision Decide(IReadOnlyList<double> scores, bool alertOutstanding)
    {
        if (scores.Count == 0)
        {
            return new AlertDecision(AlertVerdict.None, default, 0, 0);
        }
        bool wholeHistory = scores.Count < ScoresNeeded;
        int first = Math.Max(wholeHistory ? 0 : rolling.Window, scores.Count - options.DropWindow);
        double current = Rolling(scores, scores.Count);
        double peak = current;
        for (int k = first; k < scores.Count; k++)
        {
            peak = Math.Max(peak, Rolling(scores, k));
        }
        double drop = Math.Round(peak - current, 4);
        if (alertOutstanding)
        {
            return new AlertDecision(current >= options.RecoverAt ? AlertVerdict.Clear : AlertVerdict.None, default, current, drop);
        }
        if (current <= options.AlertThreshold)
        {
            return new AlertDecision(AlertVerdict.Raise, AlertKind.BelowThreshold, current, drop);
        }
        return drop >= options.SteepDrop
            ? new AlertDecision(AlertVerdict.Raise, AlertKind.SteepDrop, current, drop)
            : new AlertDecision(AlertVerdict.None, default, current, drop);
    }

    // The rolling sentiment after the first `count` scores, rounded as the engine stores it.
    private double Rolling(IReadOnlyList<double> scores, int count) => Math.Round(rolling.Score(scores.Take(count)), 4);
}
