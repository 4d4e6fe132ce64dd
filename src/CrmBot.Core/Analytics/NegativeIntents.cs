namespace CrmBot.Core.Analytics;

/// <summary>
/// The intents with most negative (or angry) customer messages in the period, each with the phrases that set its
/// negative messages apart. Phrases come from at most <paramref name="SampleLimit"/> of the most recent negative
/// messages of the intent, compared with as many of its other messages.
/// </summary>
public sealed record NegativeIntents(int SampleLimit, IReadOnlyList<NegativeIntent> Intents);

public sealed record NegativeIntent(
    string Intent, int Messages, int NegativeMessages, double NegativeShare, double? AverageScore,
    int SampledNegative, int SampledOther, IReadOnlyList<DrivingPhrase> Phrases);

/// <summary>
/// A phrase (one to three words) found in <paramref name="Messages"/> of the sampled negative messages: that is
/// <paramref name="Share"/> of them, against <paramref name="OtherShare"/> of the intent's other sampled messages.
/// </summary>
public sealed record DrivingPhrase(string Phrase, int Messages, double Share, double OtherShare);
