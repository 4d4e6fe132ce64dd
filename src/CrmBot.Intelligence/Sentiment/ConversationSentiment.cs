namespace CrmBot.Intelligence.Sentiment;

/// <summary>
/// The mood of a conversation from the sentiment scores of its last customer turns: an exponentially weighted mean
/// in which each earlier turn counts <see cref="Decay"/> times as much as the one after it, so one angry message
/// moves the mood at once and a calm reply brings it back gradually. Pure and immutable (thread-safe).
/// </summary>
public sealed class ConversationSentiment
{
    public const int DefaultWindow = 5;

    /// <summary>With 0.6 the latest turn carries ~43% of the weight of five turns, the one before ~26%.</summary>
    public const double DefaultDecay = 0.6;

    public ConversationSentiment(int window = DefaultWindow, double decay = DefaultDecay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (!(decay > 0 && decay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The decay must be in (0, 1]; 1 is a plain mean.");
        }

        Window = window;
        Decay = decay;
    }

    public static ConversationSentiment Default { get; } = new();

    /// <summary>How many of the latest customer turns count.</summary>
    public int Window { get; }

    /// <summary>Weight of a turn relative to the turn after it.</summary>
    public double Decay { get; }

    /// <summary>
    /// The rolling score in [−1, 1] of <paramref name="customerTurnScores"/>, oldest first (each in [−1, 1]);
    /// 0 (neutral) when there are none. Scores outside [−1, 1] are clamped; NaN (a turn not scored) is skipped.
    /// </summary>
    public double Score(IEnumerable<double> customerTurnScores)
    {
        ArgumentNullException.ThrowIfNull(customerTurnScores);
        var latest = customerTurnScores.Where(score => !double.IsNaN(score)).TakeLast(Window).ToArray();
        double weighted = 0, totalWeight = 0, weight = 1;
        for (var i = latest.Length - 1; i >= 0; i--)
        {
            weighted += weight * Math.Clamp(latest[i], -1, 1);
            totalWeight += weight;
            weight *= Decay;
        }

        return totalWeight == 0 ? 0 : weighted / totalWeight;
    }

    /// <inheritdoc cref="Score(IEnumerable{double})"/>
    public double Score(IEnumerable<float> customerTurnScores) =>
        Score(customerTurnScores.Select(score => (double)score));
}
