using System.ComponentModel.DataAnnotations;
using CrmBot.Intelligence.Classification;

namespace CrmBot.Intelligence.Intents;

/// <summary>
/// Recognizes what a customer message asks for. Messages the model cannot place confidently, or places in the
/// out_of_scope class, come back as <see cref="OutOfScope"/> so the bot can fall back instead of guessing.
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

    private IntentClassifier(TextModel model, float threshold)
    {
        this.model = model;
        Threshold = threshold;
    }

    /// <summary>The labels the model knows, out_of_scope included if it was trained on it.</summary>
    public IReadOnlyList<string> Labels => model.Labels;

    /// <summary>Below this top probability a message is out of scope.</summary>
    public float Threshold { get; }

    public IntentPrediction Classify(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new IntentPrediction(OutOfScope, 0f, []);
        }

        var ranking = Rank(model.Probabilities(text), model.Labels, RankingSize);
        var best = ranking[0];
        var intent = best.Label == OutOfScope || best.Probability < Threshold ? OutOfScope : best.Label;
        return new IntentPrediction(intent, best.Probability, ranking);
    }

    public string PredictLabel(string text) => Classify(text).Intent;

    /// <summary>
    /// Trains on <paramref name="examples"/> (label <see cref="OutOfScope"/> marks known out-of-scope messages) and,
    /// unless the options fix it, calibrates the threshold on held-out folds. Deterministic for a given seed.
    /// </summary>
    public static IntentClassifier Train(
        IReadOnlyList<LabeledText> examples, IntentTrainingOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new IntentTrainingOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

        var trainer = new TextModelTrainer(examples, new TextModelSettings
        {
            Seed = options.Seed,
            L2Regularization = options.L2Regularization,
            MaximumIterations = options.MaximumIterations,
        }, ct);

        var calibration = options.Threshold is { } fixedThreshold
            ? new ThresholdCalibration.Result(fixedThreshold, null)
            : ThresholdCalibration.Calibrate(trainer, examples, options, ct);

        // Starting from a calibration model's weights, the final fit converges in fewer iterations.
        var final = trainer.Fit(examples, calibration.WarmStart);
        return new IntentClassifier(trainer.Build(final), calibration.Threshold);
    }

    /// <summary>Writes the model and its threshold to one file (created or replaced).</summary>
    public void Save(string path) =>
        model.Save(path, ModelKind, new Dictionary<string, float> { [ThresholdSetting] = Threshold });

    public static IntentClassifier Load(string path)
    {
        var (model, settings) = TextModel.Load(path, ModelKind);
        return new IntentClassifier(model, settings.GetValueOrDefault(ThresholdSetting));
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
