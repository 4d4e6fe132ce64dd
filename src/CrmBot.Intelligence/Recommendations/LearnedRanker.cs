using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace CrmBot.Intelligence.Recommendations;

/// <summary>
/// A LightGBM LambdaRank model over <see cref="CandidateFeatures"/>: one query per customer, its candidates the rows,
/// label 1 for the items the customer went on to buy. Thread-safe: predictions go through a pool of engines.
/// </summary>
public sealed class LearnedRanker
{
    private readonly MLContext context;
    private readonly ITransformer model;
    private readonly DataViewSchema schema;
    private readonly Classification.PredictionEnginePool<Row, Scored> engines;

    private LearnedRanker(MLContext context, ITransformer model, DataViewSchema schema)
    {
        this.context = context;
        this.model = model;
        this.schema = schema;
        engines = new Classification.PredictionEnginePool<Row, Scored>(context, model);
    }

    /// <summary>Queries (customers) with at least one bought item among their candidates; the rest teach a ranker nothing.</summary>
    public static LearnedRanker? Train(IEnumerable<(IReadOnlyList<CandidateFeatures> Candidates, IReadOnlySet<int> Bought)> queries, int seed = 1)
    {
        var rows = new List<Row>();
        uint group = 0;
        foreach (var (candidates, bought) in queries)
        {
            if (!candidates.Any(c => bought.Contains(c.Item)))
            {
                continue;
            }
            group++;
            rows.AddRange(candidates.Select(c => new Row { Features = c.ToVector(), Label = bought.Contains(c.Item) ? 1 : 0, Group = group }));
        }
        if (group < 20)
        {
            return null;
        }
        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(rows);
        var keyed = context.Transforms.Conversion.MapValueToKey("GroupKey", nameof(Row.Group)).Fit(data).Transform(data);
        var trainer = context.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            RowGroupColumnName = "GroupKey",
            NumberOfIterations = 150,
            NumberOfLeaves = 15,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            Seed = seed,
            NumberOfThreads = 2,
            Silent = true,
        });
        var model = trainer.Fit(keyed);
        return new LearnedRanker(context, model, data.Schema);
    }

    public double Score(CandidateFeatures features) => engines.Predict(new Row { Features = features.ToVector() }).Score;

    public void Save(string path)
    {
        using var stream = File.Create(path);
        context.Model.Save(model, schema, stream);
    }

    public static LearnedRanker Load(string path)
    {
        var context = new MLContext(1);
        using var stream = File.OpenRead(path);
        var model = context.Model.Load(stream, out var schema);
        return new LearnedRanker(context, model, schema);
    }

    internal sealed class Row
    {
        [VectorType(CandidateFeatures.Count)]
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public uint Group { get; set; }
    }

    internal sealed class Scored
    {
        public float Score { get; set; }
    }
}
