namespace CrmBot.Intelligence.Sentiment;

/// <summary>
/// The tone of one message: <paramref name="Label"/> is negative, neutral or positive; <paramref name="Score"/> runs
/// from −1 (surely negative) to 1 (surely positive) as P(positive) − P(negative); <paramref name="Confidence"/> is the
/// probability of the label.
/// </summary>
public sealed record SentimentPrediction(string Label, float Score, float Confidence);
