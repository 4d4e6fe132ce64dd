using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Models;
using CrmBot.Intelligence.Classification;
using CrmBot.Intelligence.Evaluation;
using CrmBot.Tests.Infrastructure;
using CrmBot.Intelligence.Sentiment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.Models;

/// <summary>
/// The models the app ships, scored on customer messages written apart from the training data (tests/data/).
/// These are the issue's acceptance bars; a change to the training data or pipeline that drops below them fails here.
/// </summary>
[Collection(AppCollection.Name)]
public class ShippedModelQualityTests(CrmBotAppFixture app)
{
    private async Task<(ITextClassifier Intents, ITextClassifier Sentiment)> ShippedModelsAsync()
    {
        var (intents, sentiment) = await app.Services.GetRequiredService<ModelStore>()
            .LoadOrTrainAsync(app.Services.GetRequiredService<DialogCatalog>(), force: false, default);
        return (intents, sentiment);
    }

    private static IReadOnlyList<LabeledText> Holdout(string file) => LabeledTextCsv.Read(Path.Combine(AppContext.BaseDirectory, "data", file));

    [Fact]
    public async Task Shipped_intent_model_gets_at_least_85_percent_of_unseen_customer_messages_right()
    {
        var report = ModelEvaluator.Score((await ShippedModelsAsync()).Intents, Holdout("intents-holdout.csv"));
        Assert.True(report.Accuracy >= 0.85, $"accuracy {report.Accuracy:P1}");
        Assert.True(report.OosRecall >= 0.6, $"out-of-scope recall {report.OosRecall:P1}");
    }

    [Fact]
    public async Task Shipped_sentiment_model_gets_at_least_80_percent_of_unseen_customer_messages_right()
    {
        var report = ModelEvaluator.Score((await ShippedModelsAsync()).Sentiment, Holdout("sentiment-holdout.csv"));
        Assert.True(report.Accuracy >= 0.80, $"accuracy {report.Accuracy:P1}");
    }

    [Fact]
    public async Task Shipped_intent_model_understands_messages_written_in_other_voices()
    {
        var report = ModelEvaluator.Score((await ShippedModelsAsync()).Intents, Holdout("intents-outside.csv"));
        Assert.True(report.Accuracy >= 0.93, $"accuracy {report.Accuracy:P1}");
        Assert.True(report.OosRecall >= 0.8, $"out-of-scope recall {report.OosRecall:P1}");
    }

    [Fact]
    public async Task Shipped_sentiment_score_escalates_anger_and_leaves_calm_customers_alone()
    {
        var sentiment = (SentimentAnalyzer)(await ShippedModelsAsync()).Sentiment;
        var rows = Holdout("sentiment-outside.csv");
        var threshold = app.Services.GetRequiredService<IOptions<EscalationOptions>>().Value.SentimentThreshold;

        var check = SentimentThresholdCheck.Measure(sentiment, rows, threshold);
        var report = ModelEvaluator.Score(sentiment, rows);

        Assert.True(report.Accuracy >= 0.85, $"accuracy {report.Accuracy:P1}");
        Assert.True(check.AngryRecall >= 0.75, $"angry messages at or below {threshold}: {check.AngryRecall:P1}");
        Assert.True(check.CalmFalseAlarmRate <= 0.02, $"calm messages at or below {threshold}: {check.CalmFalseAlarmRate:P1} ({string.Join(" | ", check.CalmExamples)})");
    }
}
