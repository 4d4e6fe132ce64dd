namespace CrmBot.Intelligence.Intents;

/// <summary>How the nearest-example second look treats a message below the threshold; saved with the model.</summary>
internal sealed record NeighbourRules(int Neighbours, float ConfirmSimilarity, float CandidateSimilarity, float CandidateProbability, float FirmOutOfScope)
{
    private const string Prefix = "neighbours.";

    public static NeighbourRules From(IntentTrainingOptions options) => new(
        options.Neighbours, options.ConfirmSimilarity, options.CandidateSimilarity, options.CandidateProbability, options.FirmOutOfScope);

    public static NeighbourRules FromSettings(IReadOnlyDictionary<string, float> settings)
    {
        var defaults = From(new IntentTrainingOptions());
        return new(
            (int)settings.GetValueOrDefault(Prefix + "k", defaults.Neighbours),
            settings.GetValueOrDefault(Prefix + "confirm", defaults.ConfirmSimilarity),
            settings.GetValueOrDefault(Prefix + "candidate", defaults.CandidateSimilarity),
            settings.GetValueOrDefault(Prefix + "candidate_probability", defaults.CandidateProbability),
            settings.GetValueOrDefault(Prefix + "firm_out_of_scope", defaults.FirmOutOfScope));
    }

    public Dictionary<string, float> ToSettings(Dictionary<string, float> settings)
    {
        settings[Prefix + "k"] = Neighbours;
        settings[Prefix + "confirm"] = ConfirmSimilarity;
        settings[Prefix + "candidate"] = CandidateSimilarity;
        settings[Prefix + "candidate_probability"] = CandidateProbability;
        settings[Prefix + "firm_out_of_scope"] = FirmOutOfScope;
        return settings;
    }
}
