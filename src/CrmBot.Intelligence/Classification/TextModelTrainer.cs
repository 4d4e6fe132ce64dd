using CrmBot.Intelligence.Embeddings;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace CrmBot.Intelligence.Classification;

/// <summary>
/// Trains the shared text pipeline: normalized text → word 1–2-gram and character 3-gram TF-IDF (L2-normalized,
/// n-grams seen in at least two messages), beside the weighted sentence embedding when the settings ask for it →
/// multinomial logistic regression (L-BFGS maximum entropy).
/// The vocabulary and the label set are fitted once on all examples (no labels involved in the vocabulary), so that
/// models trained on subsets for calibration share one feature space and can warm-start the final model.
/// One instance serves one training run; not thread-safe.
/// </summary>
internal sealed class TextModelTrainer
{
    private readonly MLContext context;
    private readonly TextModelSettings settings;
    private readonly ITransformer labelMap;
    private readonly ITransformer featurizer;
    private readonly CancellationToken cancellation;
    private readonly SentenceEmbedder? embedder;
    private readonly Dictionary<string, float[]> embeddings = new(StringComparer.Ordinal);

    public TextModelTrainer(IReadOnlyList<LabeledText> examples, TextModelSettings settings, SentenceEmbedder? embedder, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var labelCount = examples.Select(example => example.Label).Distinct(StringComparer.Ordinal).Count();
        if (labelCount < 2)
        {
            throw new ArgumentException($"Training needs examples of at least two labels; got {labelCount}.", nameof(examples));
        }

        if (settings.EmbeddingWeight > 0 && embedder is null)
        {
            throw new ArgumentException("Settings with an embedding weight need a sentence embedder.", nameof(embedder));
        }

        this.settings = settings;
        this.cancellation = cancellation;
        this.embedder = settings.EmbeddingWeight > 0 ? embedder : null;
        context = new MLContext(settings.Seed);
        if (this.embedder is not null)
        {
            var texts = examples.Select(example => example.Text).Distinct(StringComparer.Ordinal).ToList();
            var vectors = this.embedder.EmbedAll(texts, cancellation);
            for (var i = 0; i < texts.Count; i++)
            {
                embeddings[texts[i]] = vectors[i];
            }
        }

        var all = ToDataView(examples);
        labelMap = Run(() => context.Transforms.Conversion
            .MapValueToKey(nameof(TrainingRow.Label), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(all));
        featurizer = Run(() => context.Transforms.Text
            .FeaturizeText(ScoreColumns.Ngrams, FeaturizerOptions(settings), nameof(TrainingRow.Text))

            // N-grams seen in one message only are memorization, not signal; dropping them halves the weights
            // (CLINC150: 35,000 → 16,000 features × 151 classes) and the training time at the same accuracy.
            .Append(context.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(ScoreColumns.Ngrams, count: settings.MinimumFeatureCount))
            .Append(this.embedder is null
                ? context.Transforms.CopyColumns(ScoreColumns.Features, ScoreColumns.Ngrams)
                : (IEstimator<ITransformer>)context.Transforms.Concatenate(ScoreColumns.Features, ScoreColumns.Ngrams, ScoreColumns.Embedding))
            .Fit(all));

        VBuffer<ReadOnlyMemory<char>> keys = default;
        labelMap.GetOutputSchema(all.Schema)[nameof(TrainingRow.Label)].GetKeyValues(ref keys);
        Labels = keys.DenseValues().Select(key => key.ToString()).ToArray();
    }

    /// <summary>Labels in the order of the model's probability vector.</summary>
    public string[] Labels { get; }

    public MulticlassPredictionTransformer<MaximumEntropyModelParameters> Fit(
        IReadOnlyList<LabeledText> examples, MaximumEntropyModelParameters? warmStart = null)
    {
        var features = featurizer.Transform(labelMap.Transform(ToDataView(examples)));
        var trainer = context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(TrainingRow.Label),
            FeatureColumnName = ScoreColumns.Features,
            L2Regularization = settings.L2Regularization,
            L1Regularization = 0,
            MaximumNumberOfIterations = settings.MaximumIterations,
            OptimizationTolerance = settings.OptimizationTolerance,

            // A short history keeps each step cheap: the model has features × labels weights (2.4 M for CLINC150).
            HistorySize = 5,

            // The dense embedding makes each gradient 384 × labels multiply-adds per row; two threads halve the wait.
            NumberOfThreads = Math.Min(Environment.ProcessorCount, 2),
        });
        return Run(() => warmStart is null ? trainer.Fit(features) : trainer.Fit(features, warmStart));
    }

    /// <summary>Class probabilities of each example, in <see cref="Labels"/> order, scored in one batch.</summary>
    public float[][] Score(ITransformer model, IReadOnlyList<LabeledText> examples)
    {
        var scored = model.Transform(featurizer.Transform(ToDataView(examples)));
        return Run(() => scored.GetColumn<float[]>(ScoreColumns.Score).ToArray());
    }

    public TextModel Build(ITransformer model) =>
        new(context, featurizer.Append(model), Labels, settings.MarkNegation, embedder, settings.EmbeddingWeight);

    /// <summary>The sentence vectors of the training texts (unweighted), for models that also look up neighbours.</summary>
    public IReadOnlyDictionary<string, float[]> Embeddings => embeddings;

    private IDataView ToDataView(IReadOnlyList<LabeledText> examples) =>
        context.Data.LoadFromEnumerable(examples
            .Select(example => new TrainingRow
            {
                Text = ChatTextNormalizer.Normalize(example.Text, settings.MarkNegation),
                Label = example.Label,
                Embedding = TextModel.Weighted(embeddings.GetValueOrDefault(example.Text), settings.EmbeddingWeight),
            })
            .ToList());

    /// <summary>
    /// ML.NET 5 exposes no way to interrupt a running fit, so cancellation is observed between steps
    /// (featurizing, each calibration model, the final model).
    /// </summary>
    private T Run<T>(Func<T> step)
    {
        cancellation.ThrowIfCancellationRequested();
        var result = step();
        cancellation.ThrowIfCancellationRequested();
        return result;
    }

    private static TextFeaturizingEstimator.Options FeaturizerOptions(TextModelSettings settings) => new()
    {
        // ChatTextNormalizer has already cased, cleaned and tokenized the text; keep its tokens as they are.
        CaseMode = TextNormalizingEstimator.CaseMode.None,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        WordFeatureExtractor = new WordBagEstimator.Options
        {
            NgramLength = settings.WordNgramLength,
            UseAllLengths = true,
            Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
        },
        CharFeatureExtractor = settings.CharNgramLength > 0
            ? new WordBagEstimator.Options
            {
                NgramLength = settings.CharNgramLength,
                UseAllLengths = false,
                Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            }
            : null,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private sealed class TrainingRow
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;

        [VectorType(SentenceEmbedder.Dimensions)]
        public float[] Embedding { get; set; } = [];
    }
}
