using CrmBot.Core.Recommendations;
using Microsoft.Extensions.Options;

namespace CrmBot.Tests.Recommendations;

public class StrategyAssignmentTests
{
    private static StrategyAssignment Assignment(string name = "suggestions-1", double ranker = 45, double blend = 45, double popular = 10) =>
        new(Options.Create(new RecommendationOptions
        {
            Experiment = new ExperimentOptions
            {
                Name = name,
                Arms = { [RecommendationStrategies.PersonalRanker] = ranker, [RecommendationStrategies.PersonalBlend] = blend, [RecommendationStrategies.Popular] = popular },
            },
        }));

    [Fact]
    public void A_customer_gets_the_same_strategy_in_every_conversation_and_every_process()
    {
        var first = Assignment();
        var second = Assignment();

        for (int id = 1; id <= 500; id++)
        {
            Assert.Equal(first.For(id, Guid.NewGuid()), second.For(id, Guid.NewGuid()));
        }
        // SHA-256 is the same everywhere: these stay put across runs, machines and .NET versions.
        Assert.Equal(
            ["personal-ranker", "personal-blend", "personal-blend", "personal-ranker", "personal-ranker"],
            Enumerable.Range(1, 5).Select(id => first.For(id, Guid.Empty)));
    }

    [Fact]
    public void Assignment_follows_the_weights()
    {
        var assignment = Assignment();

        var counts = Enumerable.Range(1, 20_000).Select(id => assignment.For(id, Guid.Empty)).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count() / 20_000.0);

        Assert.InRange(counts[RecommendationStrategies.PersonalRanker], 0.43, 0.47);
        Assert.InRange(counts[RecommendationStrategies.PersonalBlend], 0.43, 0.47);
        Assert.InRange(counts[RecommendationStrategies.Popular], 0.085, 0.115);
    }

    [Fact]
    public void An_anonymous_visitor_is_assigned_by_conversation()
    {
        var assignment = Assignment();
        var conversations = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        Assert.All(conversations, c => Assert.Equal(assignment.For(null, c), assignment.For(null, c)));
        Assert.True(conversations.Select(c => assignment.For(null, c)).Distinct().Count() > 1);
    }

    [Fact]
    public void A_strategy_weighted_zero_is_never_assigned_and_a_new_experiment_reshuffles()
    {
        var noRanker = Assignment(ranker: 0);
        var renamed = Assignment(name: "suggestions-2");
        var original = Assignment();

        Assert.DoesNotContain(RecommendationStrategies.PersonalRanker, Enumerable.Range(1, 2_000).Select(id => noRanker.For(id, Guid.Empty)));
        Assert.True(Enumerable.Range(1, 200).Count(id => renamed.For(id, Guid.Empty) != original.For(id, Guid.Empty)) > 50);
    }

    [Fact]
    public void An_experiment_with_an_unknown_strategy_or_no_weight_is_refused()
    {
        Assert.True(RecommendationOptions.IsValid(new ExperimentOptions { Name = "x", Arms = { ["popular"] = 1 } }));
        Assert.False(RecommendationOptions.IsValid(new ExperimentOptions { Name = "x", Arms = { ["best-guess"] = 1 } }));
        Assert.False(RecommendationOptions.IsValid(new ExperimentOptions { Name = "x", Arms = { ["popular"] = 0 } }));
        Assert.False(RecommendationOptions.IsValid(new ExperimentOptions { Name = "x", Arms = { ["popular"] = -1, ["personal-blend"] = 2 } }));
        Assert.False(RecommendationOptions.IsValid(new ExperimentOptions { Name = "x" }));
    }
}
