using System.Diagnostics;
using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Embeddings;
using CrmBot.Intelligence.Intents;
using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Intelligence.Evaluation;

/// <summary>
/// Measures a text classifier three ways: stratified k-fold cross-validation, train on one set and test on another,
/// and scoring an already trained model. Training is whatever the factory does, so the evaluation measures exactly
/// the model the application ships.
/// </summary>
public sealed class ModelEvaluator(Func<IReadOnlyList<LabeledText>, CancellationToken, ITextClassifier> train)
{
    public const int DefaultFolds = 5;
    public const int DefaultSeed = 42;

    /// <summary>Evaluates <see cref="IntentClassifier.Train"/> with these options (and embeddings, given an embedder).</summary>
    public static ModelEvaluator ForIntents(IntentTrainingOptions? options = null, SentenceEmbedder? embedder = null) =>
        new((examples, ct) => IntentClassifier.Train(examples, options, embedder, ct));

    /// <summary>
    /// Evaluates <see cref="SentimentAnalyzer.Train"/> with these options (and embeddings, given an embedder). When the
    /// test rows have no <c>angry</c> label, an angry prediction counts as negative, so three-label sets stay comparable.
    /// </summary>
    public static ModelEvaluator ForSentiment(SentimentTrainingOptions? options = null, SentenceEmbedder? embedder = null) =>
        new((examples, ct) => SentimentAnalyzer.Train(examples, options, ct, embedder));

    /// <summary>
    /// Stratified k-fold cross-validation with a fixed seed: each fold is predicted by a model trained on the others,
    /// and the report covers all rows' held-out predictions.
    /// </summary>
    public EvaluationReport CrossValidate(
        IReadOnlyList<LabeledText> examples, int folds = DefaultFolds, int seed = DefaultSeed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (examples.Count < folds)
        {
            throw new ArgumentException($"{folds}-fold cross-validation needs at least {folds} examples; got {examples.Count}.", nameof(examples));
        }

        var assignment = StratifiedFolds.Assign(examples, folds, seed);
        var outcomes = new List<PredictionOutcome>(examples.Count);
        var trainTime = TimeSpan.Zero;
        var predictTime = TimeSpan.Zero;
        for (var fold = 0; fold < folds; fold++)
        {
            var (trainRows, testRows) = StratifiedFolds.Split(examples, assignment, fold);
            var (model, elapsed) = Train(trainRows, ct);
            trainTime += elapsed;
            predictTime += Predict(model, testRows, outcomes, ct);
        }

        return EvaluationReport.FromOutcomes(outcomes) with
        {
            Method = $"{folds}-fold cross-validation",
            TrainSeconds = trainTime.TotalSeconds / folds,
            PredictionsPerSecond = PerSecond(outcomes.Count, predictTime),
        };
    }

    /// <summary>Trains on <paramref name="trainRows"/> and scores the model on <paramref name="testRows"/>.</summary>
    public EvaluationReport TrainAndTest(
        IReadOnlyList<LabeledText> trainRows, IReadOnlyList<LabeledText> testRows, CancellationToken ct = default)
    {
        var (model, elapsed) = Train(trainRows, ct);
        return Score(model, testRows, ct) with
        {
            Method = "train and test",
            TrainSeconds = elapsed.TotalSeconds,
        };
    }

    /// <summary>Scores a trained model on <paramref name="testRows"/>, one prediction at a time on this thread.</summary>
    public static EvaluationReport Score(ITextClassifier model, IReadOnlyList<LabeledText> testRows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(testRows);
        if (model is SentimentAnalyzer { KnowsAnger: true } sentiment && !testRows.Any(row => row.Label == SentimentAnalyzer.Angry))
        {
            model = sentiment.ThreeLabels;
        }
        var outcomes = new List<PredictionOutcome>(testRows.Count);
        var elapsed = Predict(model, testRows, outcomes, ct);
        return EvaluationReport.FromOutcomes(outcomes) with
        {
            Method = "score",
            PredictionsPerSecond = PerSecond(outcomes.Count, elapsed),
        };
    }

    private (ITextClassifier Model, TimeSpan Elapsed) Train(IReadOnlyList<LabeledText> rows, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var model = train(rows, ct);
        return (model, clock.Elapsed);
    }

    private static TimeSpan Predict(ITextClassifier model, IReadOnlyList<LabeledText> rows, List<PredictionOutcome> outcomes, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return TimeSpan.Zero;
        }

        // The first prediction builds an engine; leave that one-off cost out of the throughput.
        model.PredictLabel(rows[0].Text);
        var clock = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            outcomes.Add(new PredictionOutcome(row.Label, model.PredictLabel(row.Text)));
        }

        return clock.Elapsed;
    }

    private static double PerSecond(int count, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? count / elapsed.TotalSeconds : 0;
}
