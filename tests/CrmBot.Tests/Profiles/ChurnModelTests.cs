using CrmBot.Intelligence.Profiles;

namespace CrmBot.Tests.Profiles;

public sealed class ChurnModelTests
{
    [Fact]
    public void Auc_accuracy_and_f1_match_a_hand_count()
    {
        // Pairs (churned over stayed): 0.9>0.8, 0.9>0.1, 0.3<0.8, 0.3>0.1 → 3 of 4. At 0.5: one right of each class.
        var metrics = BinaryMetrics.Compute([true, false, true, false], [0.9, 0.8, 0.3, 0.1]);

        Assert.Equal(0.75, metrics.Auc, 9);
        Assert.Equal(0.5, metrics.Accuracy, 9);
        Assert.Equal(0.5, metrics.Precision, 9);
        Assert.Equal(0.5, metrics.Recall, 9);
        Assert.Equal(0.5, metrics.F1, 9);
        Assert.Equal(0.5, metrics.AucOfHardPredictions, 9);
        Assert.Equal(0.5, metrics.BaselineAccuracy, 9);
    }

    [Fact]
    public void Tied_scores_count_half_and_a_constant_score_is_no_better_than_chance()
    {
        Assert.Equal(0.5, BinaryMetrics.AreaUnderRoc([true, false, true, false], [0.4, 0.4, 0.4, 0.4]), 9);
        Assert.Equal(0.75, BinaryMetrics.AreaUnderRoc([true, false, false], [0.7, 0.7, 0.2]), 9);
    }

    [Fact]
    public void Always_no_gets_the_majority_share_and_no_f1()
    {
        var metrics = BinaryMetrics.Compute([true, false, false, false], [0.1, 0.1, 0.2, 0.3]);

        Assert.Equal(0.75, metrics.Accuracy, 9);
        Assert.Equal(metrics.BaselineAccuracy, metrics.Accuracy, 9);
        Assert.Equal(0, metrics.F1);
    }

    [Theory]
    [InlineData(ChurnAlgorithm.LogisticRegression)]
    [InlineData(ChurnAlgorithm.FastTree)]
    [InlineData(ChurnAlgorithm.LightGbm)]
    public void Every_classifier_learns_that_rare_buyers_churn_and_scores_probabilities(ChurnAlgorithm algorithm)
    {
        var rows = Customers(400, seed: 3);

        var metrics = ChurnEvaluation.CrossValidate(rows, r => r.Label, ChurnEvaluation.CustomerFeatures, algorithm, folds: 4);
        var model = ChurnClassifier<ChurnFeatures>.Train(rows, ChurnEvaluation.CustomerFeatures, algorithm, seed: 1);
        var scores = model.Probabilities(Customers(50, seed: 4));

        Assert.InRange(metrics.Auc, 0.75, 1);
        Assert.True(metrics.Accuracy > metrics.BaselineAccuracy, $"{metrics} vs baseline {metrics.BaselineAccuracy:P1}");
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.Equal(scores, ChurnClassifier<ChurnFeatures>.Train(rows, ChurnEvaluation.CustomerFeatures, algorithm, seed: 1).Probabilities(Customers(50, seed: 4)));
    }

    /// <summary>Customers who buy at different rates; each churns with the chance of no order in 90 days at their rate.</summary>
    private static List<ChurnFeatures> Customers(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<ChurnFeatures>();
        for (var i = 0; i < count; i++)
        {
            var perYear = 0.5 + random.NextDouble() * 12;
            var tenure = 200 + random.NextDouble() * 500;
            var orders = Math.Max(1, Math.Round(perYear * tenure / 365));
            var churned = random.NextDouble() < Math.Exp(-perYear * 90 / 365);
            rows.Add(new ChurnFeatures
            {
                Orders = (float)orders,
                TenureDays = (float)tenure,
                DaysSinceFirstOrder = (float)tenure,
                RecencyDays = (float)(random.NextDouble() * 365 / perYear),
                NetSpend = (float)(orders * 120),
                AverageOrderValue = 120,
                OrdersLast365Days = (float)Math.Round(perYear),
                Tier = random.Next(4),
                Label = churned,
            });
        }
        return rows;
    }
}
