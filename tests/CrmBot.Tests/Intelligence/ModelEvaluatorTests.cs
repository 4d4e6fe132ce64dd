using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Evaluation;

namespace CrmBot.Tests.Intelligence;

public class ModelEvaluatorTests
{
    [Fact]
    public void Cross_validation_predicts_every_row_once_with_a_model_that_never_saw_it()
    {
        var examples = Enumerable.Range(0, 50).Select(i => new LabeledText($"text {i}", $"label{i % 3}")).ToList();
        var models = new List<MemorizingClassifier>();
        var evaluator = new ModelEvaluator((train, _) =>
        {
            var model = new MemorizingClassifier(train);
            models.Add(model);
            return model;
        });

        var report = evaluator.CrossValidate(examples, folds: 5);

        Assert.Equal(5, models.Count);
        Assert.Equal(50, report.Examples);
        var predicted = models.SelectMany(model => model.Predicted.Skip(1)).ToList();
        Assert.Equal(examples.Select(example => example.Text).Order(), predicted.Order());
        Assert.All(models, model => Assert.DoesNotContain(model.Predicted, model.Seen.Contains));

        // The stub answers only texts it has seen, so every held-out row is wrong.
        Assert.Equal(0, report.Accuracy);
    }

    [Fact]
    public void Folds_are_stratified_and_deterministic()
    {
        var examples = Enumerable.Range(0, 100).Select(i => new LabeledText($"text {i}", i < 80 ? "common" : "rare")).ToList();

        var first = StratifiedFolds.Assign(examples, 5, seed: 42);
        var second = StratifiedFolds.Assign(examples, 5, seed: 42);

        Assert.Equal(first, second);
        for (var fold = 0; fold < 5; fold++)
        {
            var (_, test) = StratifiedFolds.Split(examples, first, fold);
            Assert.Equal(16, test.Count(example => example.Label == "common"));
            Assert.Equal(4, test.Count(example => example.Label == "rare"));
        }
    }

    [Fact]
    public void Train_and_test_scores_the_test_rows_only()
    {
        var train = new[] { new LabeledText("hello", "greeting"), new LabeledText("bye", "goodbye") };
        var test = new[] { new LabeledText("hello", "greeting"), new LabeledText("bye", "greeting"), new LabeledText("hey", "greeting") };

        var report = new ModelEvaluator((rows, _) => new MemorizingClassifier(rows)).TrainAndTest(train, test);

        Assert.Equal(3, report.Examples);
        Assert.Equal(1.0 / 3, report.Accuracy, 6);
        Assert.True(report.PredictionsPerSecond > 0);
    }

    [Fact]
    public void Cross_validated_intent_model_recognizes_most_synthetic_messages()
    {
        var report = ModelEvaluator.ForIntents().CrossValidate(TrainingSets.Intents(withOutOfScope: true));

        Assert.Equal(50, report.Examples);
        Assert.True(report.Accuracy > 0.6, $"accuracy {report.Accuracy:P1}");
        Assert.NotNull(report.OosRecall);
        Assert.True(report.TrainSeconds > 0);
    }

    /// <summary>Knows the label of every text it was trained on and answers "?" for anything else.</summary>
    private sealed class MemorizingClassifier(IReadOnlyList<LabeledText> train) : ITextClassifier
    {
        private readonly Dictionary<string, string> labels = train.GroupBy(row => row.Text).ToDictionary(group => group.Key, group => group.First().Label);

        public HashSet<string> Seen { get; } = [.. train.Select(row => row.Text)];

        public List<string> Predicted { get; } = [];

        public IReadOnlyList<string> Labels => [.. labels.Values.Distinct()];

        public string PredictLabel(string text)
        {
            Predicted.Add(text);
            return labels.GetValueOrDefault(text, "?");
        }
    }
}
