using System.ComponentModel.DataAnnotations;
using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Embeddings;

namespace CrmBot.Intelligence.Intents;

/// <summary>
/// Recognizes what a customer message asks for. Messages the model cannot place confidently, or places in the
/// out_of_scope class, come back as <see cref="OutOfScope"/> so the bot can fall back instead of guessing; when the
/// model has embeddings, such a message gets a second look at its nearest training examples, which either confirm
/// the model's guess or offer it as a "did you mean" candidate.
/// Thread-safe: one instance serves all conversations.
/// </summary>
public sealed class IntentClassifier : ITextClassifier
{
    /// <summary>The intent of messages the bot should not answer with a dialog; also a training label.</summary>
    public const string OutOfScope = "out_of_scope";

    private const string ModelKind = "intent";
    private const string ThresholdSetting = "threshold";
    private const int RankingSize = 3;

    private readonly TextModel model;
    private readonly NearestExamples? neighbours;
    private readonly NeighbourRules rules;

    private IntentClassifier(TextModel model, float threshold, NearestExamples? neighbours, NeighbourRules rules)
    {
        this.model = model;
        Threshold = threshold;
        this.neighbours = neighbours;
        this.rules = rules;
    }

    /// <summary>The labels the model knows, out_of_scope included if it was trained on it.</summary>
    public IReadOnlyList<string> Labels => model.Labels;

    /// <summary>Below this top probability a message is out of scope, unless its nearest examples confirm the guess.</summary>
    public float Threshold { get; }

    public bool UsesEmbeddings => model.UsesEmbeddings;

    /// <param name="embedding">The message's sentence vector, when the caller computed it already (it is shared with knowledge search).</param>
    public IntentPrediction Classify(string text, float[]? embedding = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new IntentPrediction(OutOfScope, 0f, []);
        }

        var probabilities = model.Probabilities(text, embedding);
        var ranking = Rank(probabilities, model.Labels, RankingSize);
        var best = ranking[0];
        if (best.Label != OutOfScope && best.Probability >= Threshold)
        {
            return new IntentPrediction(best.Label, best.Probability, ranking);
        }

        if (neighbours is null)
        {
            return new IntentPrediction(OutOfScope, best.Probability, ranking);
        }

        // The second look: what do the most similar training messages say?
        var vector = embedding ?? model.Embed(text);
        var near = neighbours.Vote(vector, rules.Neighbours);
        var guess = ranking.FirstOrDefault(r => r.Label != OutOfScope);
        if (best.Label != OutOfScope && near.Label == best.Label && near.Similarity >= rules.ConfirmSimilarity)
        {
            return new IntentPrediction(best.Label, best.Probability, ranking) { ConfirmedByNeighbours = true };
        }

        var candidates = new List<string>();
        if (guess is not null && guess.Probability >= rules.CandidateProbability)
        {
            candidates.Add(guess.Label);
        }
        if (near.Label is { } nearLabel && nearLabel != OutOfScope && near.Similarity >= rules.CandidateSimilarity && !candidates.Contains(nearLabel))
        {
            candidates.Add(nearLabel);
        }
        foreach (var other in ranking.Skip(1).Where(r => r.Label != OutOfScope && r.Probability >= rules.CandidateProbability))
        {
            if (candidates.Count < 2 && !candidates.Contains(other.Label))
            {
                candidates.Add(other.Label);
            }
        }

        // A message the model firmly calls out of scope (the weather, a joke) gets no "did you mean".
        if (best.Label == OutOfScope && best.Probability >= rules.FirmOutOfScope)
        {
            candidates.Clear();
        }
        return new IntentPrediction(OutOfScope, best.Probability, ranking) { Candidates = candidates.Take(2).ToArray() };
    }

    public string PredictLabel(string text) => Classify(text).Intent;

    /// <summary>
    /// Trains on <paramref name="examples"/> (label <see cref="OutOfScope"/> marks known out-of-scope messages) and,
    /// unless the options fix it, calibrates the threshold on held-out folds. Deterministic for a given seed.
    /// Without an <paramref name="embedder"/> the model reads n-grams only.
    /// </summary>
    public static IntentClassifier Train(
        IReadOnlyList<LabeledText> examples, IntentTrainingOptions? options, SentenceEmbedder? embedder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new IntentTrainingOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

        var trainer = new TextModelTrainer(examples, new TextModelSettings
        {
            Seed = options.Seed,
            L2Regularization = options.L2Regularization,
            MaximumIterations = options.MaximumIterations,
            EmbeddingWeight = embedder is null ? 0 : options.EmbeddingWeight,
        }, embedder, ct);

        var calibration = options.Threshold is { } fixedThreshold
            ? new ThresholdCalibration.Result(fixedThreshold, null)
            : ThresholdCalibration.Calibrate(trainer, examples, options, ct);

        // Starting from a calibration model's weights, the final fit converges in fewer iterations.
        var final = trainer.Fit(examples, calibration.WarmStart);
        var neighbours = embedder is null ? null : NearestExamples.From(examples, trainer.Embeddings);
        return new IntentClassifier(trainer.Build(final), calibration.Threshold, neighbours, NeighbourRules.From(options));
    }

    /// <inheritdoc cref="Train(IReadOnlyList{LabeledText}, IntentTrainingOptions?, SentenceEmbedder?, CancellationToken)"/>
    public static IntentClassifier Train(IReadOnlyList<LabeledText> examples, IntentTrainingOptions? options = null, CancellationToken ct = default) =>
        Train(examples, options, null, ct);

    /// <summary>Writes the model, its threshold and second-look rules and its training examples' vectors to one file (created or replaced).</summary>
    public void Save(string path) =>
        model.Save(path, ModelKind, rules.ToSettings(new Dictionary<string, float> { [ThresholdSetting] = Threshold }), neighbours is null ? null : neighbours.Write);

    /// <summary>Reads a model file; one trained with embeddings needs the <paramref name="embedder"/>.</summary>
    public static IntentClassifier Load(string path, SentenceEmbedder? embedder = null)
    {
        var (model, settings, extra) = TextModel.Load(path, ModelKind, embedder);
        var neighbours = extra is null ? null : NearestExamples.Read(extra);
        return new IntentClassifier(model, settings.GetValueOrDefault(ThresholdSetting), neighbours, NeighbourRules.FromSettings(settings));
    }

    /// <summary>The <paramref name="count"/> most probable labels, best first (ties keep label order).</summary>
    internal static ScoredLabel[] Rank(float[] probabilities, IReadOnlyList<string> labels, int count)
    {
        // A partial insertion sort: one pass over the probabilities, no allocation per label.
        var top = new int[Math.Min(count, probabilities.Length)];
        var filled = 0;
        for (var index = 0; index < probabilities.Length; index++)
        {
            var position = filled;
            while (position > 0 && probabilities[index] > probabilities[top[position - 1]])
            {
                position--;
            }

            if (position >= top.Length)
            {
                continue;
            }

            var end = Math.Min(filled, top.Length - 1);
            Array.Copy(top, position, top, position + 1, end - position);
            top[position] = index;
            filled = Math.Min(filled + 1, top.Length);
        }

        return top.Select(index => new ScoredLabel(labels[index], probabilities[index])).ToArray();
    }
}
