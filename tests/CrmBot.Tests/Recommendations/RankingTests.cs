using CrmBot.Intelligence.Recommendations;

namespace CrmBot.Tests.Recommendations;

public class RankingTests
{
    [Fact]
    public void The_learned_ranker_puts_candidates_like_the_bought_ones_first_and_survives_a_save()
    {
        // 200 customers with 20 candidates each; the one they bought is the one with strong co-purchase evidence.
        var random = new Random(7);
        var queries = Enumerable.Range(0, 200).Select(_ =>
        {
            var candidates = Enumerable.Range(0, 20).Select(i => new CandidateFeatures
            {
                Item = i,
                CoPurchaseRelative = i == 0 ? 0.8 + 0.2 * random.NextDouble() : 0.6 * random.NextDouble(),
                Popularity = random.NextDouble(),
                PriceFit = 0.5,
            }).ToList();
            return ((IReadOnlyList<CandidateFeatures>)candidates, (IReadOnlySet<int>)new HashSet<int> { 0 });
        }).ToList();

        var ranker = LearnedRanker.Train(queries)!;
        var strong = new CandidateFeatures { CoPurchaseRelative = 0.95, Popularity = 0.1, PriceFit = 0.5 };
        var weak = new CandidateFeatures { CoPurchaseRelative = 0.2, Popularity = 0.9, PriceFit = 0.5 };
        var file = Path.Combine(Path.GetTempPath(), $"ranker-{Guid.NewGuid():N}.zip");
        try
        {
            ranker.Save(file);
            var loaded = LearnedRanker.Load(file);

            Assert.True(ranker.Score(strong) > ranker.Score(weak));
            Assert.Equal(ranker.Score(strong), loaded.Score(strong), 5);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Too_few_customers_with_a_purchase_train_no_ranker()
    {
        var queries = Enumerable.Range(0, 10).Select(_ =>
            ((IReadOnlyList<CandidateFeatures>)[new CandidateFeatures { Item = 1 }, new CandidateFeatures { Item = 2 }], (IReadOnlySet<int>)new HashSet<int> { 1 }));

        Assert.Null(LearnedRanker.Train(queries));
    }

    [Theory]
    [InlineData(new[] { true, false }, 1, 1.0)]
    [InlineData(new[] { false, true }, 1, 0.6309)]
    [InlineData(new[] { false, false }, 2, 0.0)]
    [InlineData(new[] { true, false, true }, 2, 0.9197)]
    public void Ndcg_rewards_hits_near_the_top(bool[] hits, int relevant, double expected)
    {
        Assert.Equal(expected, RecommenderEvaluation.Ndcg(hits, relevant, 10), 4);
    }

    [Fact]
    public void Held_out_items_are_only_those_a_known_customer_had_not_bought_before()
    {
        var now = Purchases.Now;
        var purchases = new[]
        {
            Purchases.Buy("known", "cable", "accessories", daysAgo: 100),
            Purchases.Buy("known", "cable", "accessories", daysAgo: 5),
            Purchases.Buy("known", "mouse", "accessories", daysAgo: 5),
            Purchases.Buy("newcomer", "laptop", "laptops", daysAgo: 5),
        };
        var index = PurchaseIndex.Build(purchases, now.AddDays(-30));

        var held = RecommenderTraining.HeldOut(purchases, index, now.AddDays(-30), now).ToList();

        var (customer, items) = Assert.Single(held);
        Assert.Equal("known", customer);
        Assert.Equal(["mouse"], items);
    }
}
