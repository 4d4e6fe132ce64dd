using System.Text.Json.Serialization;

namespace CrmBot.Core.Analytics;

[JsonConverter(typeof(JsonStringEnumConverter<TimeGranularity>))]
public enum TimeGranularity
{
    [JsonStringEnumMemberName("day")] Day,
    [JsonStringEnumMemberName("hour")] Hour,
}

/// <summary>Customer sentiment per day or hour of the period; every bucket is listed, empty ones with no average.</summary>
public sealed record SentimentOverTime(TimeGranularity Granularity, string TimeZone, IReadOnlyList<SentimentBucket> Buckets);

/// <summary>
/// The customer messages of one day or hour (starting at <paramref name="Start"/>, local time with its offset): their
/// mean sentiment score in [-1, 1] and how many got each label.
/// </summary>
public sealed record SentimentBucket(DateTimeOffset Start, int Messages, double? AverageScore, int Positive, int Neutral, int Negative, int Angry);

/// <summary>How customers feel per intent, the intents with most messages first.</summary>
public sealed record SentimentByIntent(IReadOnlyList<IntentSentiment> Intents);

/// <summary>
/// The customer messages of one intent: mean score, count per label, and the share that is negative or angry.
/// </summary>
public sealed record IntentSentiment(string Intent, int Messages, double? AverageScore, int Positive, int Neutral, int Negative, int Angry, double NegativeShare);
