using System.ComponentModel.DataAnnotations;
using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Intents;

namespace CrmBot.Tests.Intelligence;

public class IntentClassifierTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    [Theory]
    [InlineData("where has my parcel got to, order BW-551234", "track_order")]
    [InlineData("please cancel the order I made yesterday", "cancel_order")]
    [InlineData("I want a refund for the broken kettle", "get_refund")]
    [InlineData("hello there", "greeting")]
    public void Unseen_phrasing_is_recognized(string text, string intent)
    {
        var prediction = models.Intents.Classify(text);

        Assert.Equal(intent, prediction.Intent);
        Assert.Equal(intent, prediction.Ranking[0].Label);
    }

    [Fact]
    public void Message_far_from_every_intent_is_out_of_scope()
    {
        var prediction = models.Intents.Classify("quantum chromodynamics lecture slides");

        Assert.True(prediction.IsOutOfScope, $"got {prediction.Intent} at {prediction.Confidence:F3}, threshold {models.Intents.Threshold:F3}");
        Assert.True(prediction.Confidence < models.Intents.Threshold);
    }

    [Fact]
    public void Message_like_the_out_of_scope_examples_is_out_of_scope_by_class()
    {
        var prediction = models.IntentsWithOutOfScope.Classify("tell me a joke about the weather");

        Assert.Equal(IntentClassifier.OutOfScope, prediction.Intent);
        Assert.Equal(IntentClassifier.OutOfScope, prediction.Ranking[0].Label);
    }

    [Fact]
    public void Ranking_holds_the_three_most_probable_labels_best_first()
    {
        var prediction = models.Intents.Classify("cancel order BW-123456");

        Assert.Equal(3, prediction.Ranking.Count);
        Assert.Equal(prediction.Confidence, prediction.Ranking[0].Probability);
        Assert.True(prediction.Ranking[0].Probability >= prediction.Ranking[1].Probability);
        Assert.True(prediction.Ranking[1].Probability >= prediction.Ranking[2].Probability);
        Assert.Equal(3, prediction.Ranking.Select(label => label.Label).Distinct().Count());
        Assert.InRange(prediction.Ranking.Sum(label => label.Probability), 0.5f, 1.0001f);
    }

    [Fact]
    public void Ranking_keeps_label_order_between_equal_probabilities()
    {
        var ranking = IntentClassifier.Rank([0.1f, 0.4f, 0.2f, 0.4f, 0.3f], ["a", "b", "c", "d", "e"], 3);

        Assert.Equal([new ScoredLabel("b", 0.4f), new ScoredLabel("d", 0.4f), new ScoredLabel("e", 0.3f)], ranking);
    }

    [Fact]
    public void Order_numbers_do_not_change_the_prediction()
    {
        var first = models.Intents.Classify("where is order BW-111111");
        var second = models.Intents.Classify("where is order BW-987654");

        Assert.Equal(first.Ranking, second.Ranking);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void Empty_message_is_out_of_scope_with_no_ranking(string text)
    {
        var prediction = models.Intents.Classify(text);

        Assert.Equal(IntentClassifier.OutOfScope, prediction.Intent);
        Assert.Equal(0f, prediction.Confidence);
        Assert.Empty(prediction.Ranking);
    }

    [Fact]
    public void Fixed_threshold_from_options_is_kept_and_applied()
    {
        var classifier = IntentClassifier.Train(TrainingSets.Intents(), new IntentTrainingOptions { Threshold = 0.99f });

        Assert.Equal(0.99f, classifier.Threshold);
        Assert.Equal(IntentClassifier.OutOfScope, classifier.Classify("where is my order").Intent);
    }

    [Fact]
    public void Saved_model_loads_with_the_same_labels_threshold_and_predictions()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crmbot-intents-{Guid.NewGuid():N}.model");
        try
        {
            models.Intents.Save(path);
            var loaded = IntentClassifier.Load(path);

            Assert.Equal(models.Intents.Labels, loaded.Labels);
            Assert.Equal(models.Intents.Threshold, loaded.Threshold);
            foreach (var text in new[] { "where is my order", "cancel it", "quantum physics", "hi 👋" })
            {
                Assert.Equal(models.Intents.Classify(text), loaded.Classify(text), IntentPredictionComparer.Instance);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sentiment_model_file_is_refused_as_an_intent_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crmbot-sentiment-{Guid.NewGuid():N}.model");
        try
        {
            models.Sentiment.Save(path);

            var error = Assert.Throws<InvalidDataException>(() => IntentClassifier.Load(path));
            Assert.Contains("sentiment", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Concurrent_predictions_match_sequential_ones()
    {
        var texts = TrainingSets.Intents(withOutOfScope: true).Select(example => example.Text + " please").ToArray();
        var expected = texts.Select(text => models.Intents.Classify(text)).ToArray();

        var actual = new IntentPrediction[20][];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, round =>
            actual[round] = texts.Select(text => models.Intents.Classify(text)).ToArray());

        foreach (var round in actual)
        {
            Assert.Equal(expected, round, IntentPredictionComparer.Instance);
        }
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_the_same_model()
    {
        var again = IntentClassifier.Train(TrainingSets.Intents(), TrainedModels.IntentOptions);

        Assert.Equal(models.Intents.Threshold, again.Threshold);
        Assert.Equal(models.Intents.Classify("can I get my money back"), again.Classify("can I get my money back"), IntentPredictionComparer.Instance);
    }

    [Fact]
    public void Training_needs_at_least_two_intents()
    {
        var examples = new[] { new LabeledText("hello", "greeting"), new LabeledText("hi", "greeting") };

        Assert.Throws<ArgumentException>(() => IntentClassifier.Train(examples));
    }

    [Fact]
    public void Out_of_range_options_are_refused_before_training()
    {
        var options = new IntentTrainingOptions { TargetInScopeRejectionRate = 0.9 };

        var error = Assert.Throws<ValidationException>(() => IntentClassifier.Train(TrainingSets.Intents(), options));
        Assert.Contains(nameof(IntentTrainingOptions.TargetInScopeRejectionRate), error.Message);
    }

    [Fact]
    public void Cancelled_training_stops_with_operation_cancelled()
    {
        Assert.ThrowsAny<OperationCanceledException>(() => IntentClassifier.Train(TrainingSets.Intents(), ct: new CancellationToken(canceled: true)));
    }

    /// <summary>Records compare their Ranking lists by reference; compare the contents.</summary>
    private sealed class IntentPredictionComparer : IEqualityComparer<IntentPrediction>
    {
        public static readonly IntentPredictionComparer Instance = new();

        public bool Equals(IntentPrediction? x, IntentPrediction? y) =>
            x is not null && y is not null && x.Intent == y.Intent && x.Confidence == y.Confidence && x.Ranking.SequenceEqual(y.Ranking);

        public int GetHashCode(IntentPrediction obj) => obj.Intent.GetHashCode();
    }
}
