using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Intents;
using CrmBot.Intelligence.Sentiment;

namespace CrmBot.Tests.Intelligence;

public class SentimentAnalyzerTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    [Theory]
    [InlineData("the service was terrible and I am angry", SentimentAnalyzer.Negative)]
    [InlineData("thanks, great help, very happy", SentimentAnalyzer.Positive)]
    [InlineData("can I change the delivery address", SentimentAnalyzer.Neutral)]
    public void Clear_messages_get_their_sentiment(string text, string label)
    {
        Assert.Equal(label, models.Sentiment.Analyze(text).Label);
    }

    [Fact]
    public void Negated_praise_scores_negative()
    {
        var praise = models.Sentiment.Analyze("very pleased with the delivery");
        var negated = models.Sentiment.Analyze("not pleased with the delivery");

        Assert.True(praise.Score > 0, $"praise scored {praise.Score:F3}");
        Assert.True(negated.Score < 0, $"negated praise scored {negated.Score:F3}");
        Assert.Equal(SentimentAnalyzer.Negative, negated.Label);
    }

    [Fact]
    public void Emoji_carries_the_sentiment_of_an_otherwise_neutral_message()
    {
        var angry = models.Sentiment.Analyze("my order arrived 😡");
        var delighted = models.Sentiment.Analyze("my order arrived 😍");

        Assert.True(angry.Score < delighted.Score, $"😡 {angry.Score:F3} vs 😍 {delighted.Score:F3}");
        Assert.Equal(SentimentAnalyzer.Positive, delighted.Label);
    }

    [Theory]
    [InlineData("worst service ever")]
    [InlineData("where is my order")]
    [InlineData("great service")]
    public void Score_is_probability_of_positive_minus_negative_and_agrees_with_the_label(string text)
    {
        var prediction = models.Sentiment.Analyze(text);

        Assert.InRange(prediction.Score, -1f, 1f);
        Assert.InRange(prediction.Confidence, 1f / 3, 1f);
        var expectedSign = prediction.Label switch
        {
            SentimentAnalyzer.Negative => -1,
            SentimentAnalyzer.Positive => 1,
            _ => 0,
        };
        if (expectedSign != 0)
        {
            Assert.Equal(expectedSign, Math.Sign(prediction.Score));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Empty_message_is_neutral_with_score_zero(string text)
    {
        var prediction = models.Sentiment.Analyze(text);

        Assert.Equal(SentimentAnalyzer.Neutral, prediction.Label);
        Assert.Equal(0f, prediction.Score);
    }

    [Fact]
    public void Saved_model_loads_with_the_same_predictions()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crmbot-sentiment-{Guid.NewGuid():N}.model");
        try
        {
            models.Sentiment.Save(path);
            var loaded = SentimentAnalyzer.Load(path);

            Assert.Equal(models.Sentiment.Labels, loaded.Labels);
            foreach (var text in new[] { "not good", "thanks!!", "ORDER BW-123456", "😡😡" })
            {
                Assert.Equal(models.Sentiment.Analyze(text), loaded.Analyze(text));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Intent_model_file_is_refused_as_a_sentiment_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crmbot-intents-{Guid.NewGuid():N}.model");
        try
        {
            IntentClassifier.Train(TrainingSets.Intents(), new IntentTrainingOptions { Threshold = 0.5f }).Save(path);

            Assert.Throws<InvalidDataException>(() => SentimentAnalyzer.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Concurrent_analysis_matches_sequential_analysis()
    {
        var texts = TrainingSets.Sentiment().Select(example => "well, " + example.Text).ToArray();
        var expected = texts.Select(text => models.Sentiment.Analyze(text)).ToArray();

        var actual = new SentimentPrediction[20][];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, round =>
            actual[round] = texts.Select(text => models.Sentiment.Analyze(text)).ToArray());

        Assert.All(actual, round => Assert.Equal(expected, round));
    }

    [Fact]
    public void Training_needs_all_three_labels()
    {
        var examples = TrainingSets.Sentiment().Where(example => example.Label != SentimentAnalyzer.Neutral).ToList();

        var error = Assert.Throws<ArgumentException>(() => SentimentAnalyzer.Train(examples));
        Assert.Contains("neutral", error.Message);
    }

    [Fact]
    public void Training_refuses_unknown_labels()
    {
        var examples = TrainingSets.Sentiment().Append(new LabeledText("meh", "mixed")).ToList();

        Assert.Throws<ArgumentException>(() => SentimentAnalyzer.Train(examples));
    }
}
