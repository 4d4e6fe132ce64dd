using System.ComponentModel.DataAnnotations;
using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Embeddings;

namespace CrmBot.Intelligence.Sentiment;

/// <summary>
/// Scores the tone of a customer message: negative, neutral, positive and, when the training data has it, angry.
/// The raw score in [−1, 1] is P(positive) − <see cref="MildNegativeWeight"/>·P(negative) − P(angry), so a
/// disappointed customer lands around −0.4 and only anger comes near −1. It is then calibrated so that
/// <see cref="AngryScore"/> (−0.8, the escalation threshold) means angry: the raw score below which only 1% of calm
/// messages fall in held-out folds (the knee) maps to −0.8, and the scale is stretched linearly on either side.
/// A model trained on three labels scores P(positive) − P(negative), uncalibrated. Thread-safe.
/// </summary>
public sealed class SentimentAnalyzer : ITextClassifier
{
    public const string Negative = "negative";
    public const string Neutral = "neutral";
    public const string Positive = "positive";

    /// <summary>Optional fourth label: a tone that alone calls for a person.</summary>
    public const string Angry = "angry";

    /// <summary>How much a mildly negative message pulls the score down, against 1 for an angry one.</summary>
    public const float MildNegativeWeight = 0.5f;

    /// <summary>The calibrated score that means angry.</summary>
    public const float AngryScore = -0.8f;

    /// <summary>Share of calm messages (neutral, mildly negative, positive) allowed at or below <see cref="AngryScore"/> in held-out folds.</summary>
    public const double CalmFalseAlarmRate = 0.01;

    private const string KneeSetting = "knee";
    private const int CalibrationFolds = 5;

    private const string ModelKind = "sentiment";

    private static readonly string[] RequiredLabels = [Negative, Neutral, Positive];

    private readonly TextModel model;
    private readonly int negativeIndex;
    private readonly int positiveIndex;
    private readonly int angryIndex;

    private SentimentAnalyzer(TextModel model, float knee)
    {
        Knee = knee;
        var unknown = model.Labels.Except(RequiredLabels.Append(Angry)).ToArray();
        if (RequiredLabels.Except(model.Labels).Any() || unknown.Length > 0)
        {
            throw new InvalidDataException(
                $"A sentiment model needs the labels {string.Join(", ", RequiredLabels)} (and optionally {Angry}); got {string.Join(", ", model.Labels)}.");
        }

        this.model = model;
        negativeIndex = IndexOf(Negative);
        positiveIndex = IndexOf(Positive);
        angryIndex = IndexOf(Angry);
    }

    public IReadOnlyList<string> Labels => model.Labels;

    /// <summary>The raw score that the calibration maps to <see cref="AngryScore"/>.</summary>
    public float Knee { get; }

    /// <summary>Whether the model tells anger from milder displeasure.</summary>
    public bool KnowsAnger => angryIndex >= 0;

    public SentimentPrediction Analyze(string text, float[]? embedding = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SentimentPrediction(Neutral, 0f, 1f);
        }

        var probabilities = model.Probabilities(text, embedding);
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        var score = Calibrate(RawScore(probabilities, negativeIndex, positiveIndex, angryIndex), Knee);
        return new SentimentPrediction(model.Labels[best], Math.Clamp(score, -1f, 1f), probabilities[best]);
    }

    private static float RawScore(float[] probabilities, int negative, int positive, int angry) => angry >= 0
        ? probabilities[positive] - MildNegativeWeight * probabilities[negative] - probabilities[angry]
        : probabilities[positive] - probabilities[negative];

    /// <summary>Maps <paramref name="knee"/> to <see cref="AngryScore"/>, linearly between −1, the knee and 0; positive scores are kept.</summary>
    internal static float Calibrate(float raw, float knee)
    {
        if (raw >= 0 || knee >= 0 || knee <= -1)
        {
            return raw;
        }
        return raw >= knee
            ? raw * (AngryScore / knee)
            : AngryScore + (raw - knee) * ((-1 - AngryScore) / (-1 - knee));
    }

    public string PredictLabel(string text) => Analyze(text).Label;

    /// <summary>This model seen through the three labels of most public data sets: angry counts as negative.</summary>
    public ITextClassifier ThreeLabels => new AngerAsNegative(this);

    private sealed class AngerAsNegative(SentimentAnalyzer inner) : ITextClassifier
    {
        public IReadOnlyList<string> Labels => RequiredLabels;

        public string PredictLabel(string text) => inner.PredictLabel(text) is Angry ? Negative : inner.PredictLabel(text);
    }

    /// <summary>
    /// Trains on examples labelled negative, neutral and positive (all three must occur) and optionally angry.
    /// Deterministic for a given seed. With an <paramref name="embedder"/> the model also reads sentence embeddings.
    /// </summary>
    public static SentimentAnalyzer Train(
        IReadOnlyList<LabeledText> examples, SentimentTrainingOptions? options = null, CancellationToken ct = default, SentenceEmbedder? embedder = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new SentimentTrainingOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var found = examples.Select(example => example.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (!found.Except([Angry]).SequenceEqual(RequiredLabels))
        {
            throw new ArgumentException(
                $"Sentiment examples must use the labels {string.Join(", ", RequiredLabels)} (and optionally {Angry}); found {string.Join(", ", found)}.", nameof(examples));
        }

        var trainer = new TextModelTrainer(examples, new TextModelSettings
        {
            Seed = options.Seed,
            L2Regularization = options.L2Regularization,
            MaximumIterations = options.MaximumIterations,
            MarkNegation = options.MarkNegation,
            EmbeddingWeight = embedder is null ? 0 : options.EmbeddingWeight,
        }, embedder, ct);
        var knee = found.Contains(Angry) ? CalibrateKnee(trainer, examples, options.Seed, ct) : AngryScore;
        return new SentimentAnalyzer(trainer.Build(trainer.Fit(examples)), knee);
    }

    /// <summary>
    /// The raw score below which <see cref="CalmFalseAlarmRate"/> of calm messages fall, from models that did not
    /// see them (stratified folds); training-set scores would be overconfident.
    /// </summary>
    private static float CalibrateKnee(TextModelTrainer trainer, IReadOnlyList<LabeledText> examples, int seed, CancellationToken ct)
    {
        var labels = trainer.Labels.ToList();
        int negative = labels.IndexOf(Negative), positive = labels.IndexOf(Positive), angry = labels.IndexOf(Angry);
        var assignment = StratifiedFolds.Assign(examples, CalibrationFolds, seed);
        var calm = new List<float>();
        for (var fold = 0; fold < CalibrationFolds; fold++)
        {
            ct.ThrowIfCancellationRequested();
            var (train, test) = StratifiedFolds.Split(examples, assignment, fold);
            var probabilities = trainer.Score(trainer.Fit(train), test);
            for (var i = 0; i < test.Count; i++)
            {
                if (test[i].Label != Angry)
                {
                    calm.Add(RawScore(probabilities[i], negative, positive, angry));
                }
            }
        }
        var knee = Intents.ThresholdCalibration.Quantile(calm, CalmFalseAlarmRate);
        return Math.Clamp(knee, -0.95f, -0.3f);
    }

    /// <summary>Writes the model to one file (created or replaced).</summary>
    public void Save(string path) => model.Save(path, ModelKind, new Dictionary<string, float> { [KneeSetting] = Knee });

    /// <summary>Reads a model file; one trained with embeddings needs the <paramref name="embedder"/>.</summary>
    public static SentimentAnalyzer Load(string path, SentenceEmbedder? embedder = null)
    {
        var (model, settings, _) = TextModel.Load(path, ModelKind, embedder);
        return new SentimentAnalyzer(model, settings.GetValueOrDefault(KneeSetting, AngryScore));
    }

    private int IndexOf(string label)
    {
        for (var i = 0; i < model.Labels.Count; i++)
        {
            if (model.Labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }
}
