using System.ComponentModel.DataAnnotations;
using CrmBot.Intelligence.Classification;

namespace CrmBot.Intelligence.Sentiment;

/// <summary>
/// Scores the tone of a customer message (negative, neutral, positive). Thread-safe: one instance serves all
/// conversations.
/// </summary>
public sealed class SentimentAnalyzer : ITextClassifier
{
    public const string Negative = "negative";
    public const string Neutral = "neutral";
    public const string Positive = "positive";

    private const string ModelKind = "sentiment";

    private static readonly string[] RequiredLabels = [Negative, Neutral, Positive];

    private readonly TextModel model;
    private readonly int negativeIndex;
    private readonly int positiveIndex;

    private SentimentAnalyzer(TextModel model)
    {
        var unknown = model.Labels.Except(RequiredLabels).ToArray();
        if (model.Labels.Count != RequiredLabels.Length || unknown.Length > 0)
        {
            throw new InvalidDataException(
                $"A sentiment model needs exactly the labels {string.Join(", ", RequiredLabels)}; got {string.Join(", ", model.Labels)}.");
        }

        this.model = model;
        negativeIndex = IndexOf(Negative);
        positiveIndex = IndexOf(Positive);
    }

    public IReadOnlyList<string> Labels => model.Labels;

    public SentimentPrediction Analyze(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SentimentPrediction(Neutral, 0f, 1f);
        }

        var probabilities = model.Probabilities(text);
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        var score = Math.Clamp(probabilities[positiveIndex] - probabilities[negativeIndex], -1f, 1f);
        return new SentimentPrediction(model.Labels[best], score, probabilities[best]);
    }

    public string PredictLabel(string text) => Analyze(text).Label;

    /// <summary>Trains on examples labelled negative, neutral or positive (all three must occur). Deterministic for a given seed.</summary>
    public static SentimentAnalyzer Train(
        IReadOnlyList<LabeledText> examples, SentimentTrainingOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new SentimentTrainingOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var found = examples.Select(example => example.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (!found.SequenceEqual(RequiredLabels))
        {
            throw new ArgumentException(
                $"Sentiment examples must use exactly the labels {string.Join(", ", RequiredLabels)}; found {string.Join(", ", found)}.", nameof(examples));
        }

        var trainer = new TextModelTrainer(examples, new TextModelSettings
        {
            Seed = options.Seed,
            L2Regularization = options.L2Regularization,
            MaximumIterations = options.MaximumIterations,
            MarkNegation = options.MarkNegation,
        }, ct);
        return new SentimentAnalyzer(trainer.Build(trainer.Fit(examples)));
    }

    /// <summary>Writes the model to one file (created or replaced).</summary>
    public void Save(string path) => model.Save(path, ModelKind, new Dictionary<string, float>());

    public static SentimentAnalyzer Load(string path) => new(TextModel.Load(path, ModelKind).Model);

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
