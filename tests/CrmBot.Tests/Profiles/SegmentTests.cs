using CrmBot.Intelligence.Profiles;

namespace CrmBot.Tests.Profiles;

public sealed class SegmentTests
{
    [Theory]
    [InlineData(0.6, 0.2, 0.2, 0.5, 40, SegmentNaming.NewCustomers)]
    [InlineData(0.8, 0.9, 0.9, 0.8, 600, SegmentNaming.LoyalHighSpenders)]
    [InlineData(0.2, 0.7, 0.7, 0.5, 600, SegmentNaming.AtRisk)]
    [InlineData(0.1, 0.2, 0.1, 0.3, 400, SegmentNaming.LapsedBargainHunters)]
    [InlineData(0.1, 0.2, 0.4, 0.8, 400, SegmentNaming.LapsedBigTicket)]
    [InlineData(0.4, 0.6, 0.6, 0.5, 500, SegmentNaming.Regulars)]
    [InlineData(0.8, 0.3, 0.4, 0.5, 360, SegmentNaming.RecentOccasional)]
    [InlineData(0.4, 0.3, 0.5, 0.7, 500, SegmentNaming.OccasionalBigSpenders)]
    [InlineData(0.4, 0.3, 0.3, 0.4, 500, SegmentNaming.CoolingOff)]
    public void Segments_are_named_from_where_their_centre_stands(double recency, double frequency, double monetary, double orderValue, double firstOrderDaysAgo, string expected) =>
        Assert.Equal(expected, SegmentNaming.Name(new SegmentTraits(recency, frequency, monetary, orderValue, firstOrderDaysAgo)));

    [Theory]
    [InlineData(0.2, 60)]
    [InlineData(0.8, 365)]
    public void Only_a_recent_first_order_followed_by_a_recent_one_makes_a_new_customer(double recency, double firstOrderDaysAgo) =>
        Assert.NotEqual(SegmentNaming.NewCustomers, SegmentNaming.Name(new SegmentTraits(recency, Frequency: 0.2, Monetary: 0.2, OrderValue: 0.3, firstOrderDaysAgo)));

    [Fact]
    public void Kmeans_finds_the_three_groups_and_names_them_by_their_centres()
    {
        var (points, groups) = ThreeGroups();

        var segments = CustomerSegmenter.Train(points, minClusters: 2, maxClusters: 6, seed: 7);

        Assert.Equal(3, segments.Clusters);
        Assert.Equal(segments.Candidates.MaxBy(c => c.Silhouette)!.Clusters, segments.Clusters);
        Assert.All(segments.Candidates, c => Assert.InRange(c.Silhouette, -1, 1));
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(groups[i], segments.NameOf(i));
        }
    }

    [Fact]
    public void Retraining_on_the_same_customers_in_another_order_gives_each_the_same_segment()
    {
        var (points, _) = ThreeGroups();
        var reversed = points.AsEnumerable().Reverse().ToList();

        var first = CustomerSegmenter.Train(points, 2, 6, seed: 7);
        var second = CustomerSegmenter.Train(reversed, 2, 6, seed: 99);

        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(first.NameOf(i), second.NameOf(points.Count - 1 - i));
        }
    }

    [Fact]
    public void Davies_bouldin_matches_a_hand_count()
    {
        // Two clusters of spread 1 whose centres are 10 apart: (1 + 1) / 10 for each.
        float[][] points = [[0, 0], [2, 0], [10, 0], [12, 0]];

        Assert.Equal(0.2, CustomerSegmenter.DaviesBouldin(points, [0, 0, 1, 1], [[1, 0], [11, 0]]), 9);
    }

    [Fact]
    public void A_handful_of_customers_make_one_segment()
    {
        var points = ThreeGroups().Points.Take(8).ToList();

        var segments = CustomerSegmenter.Train(points, 3, 8, seed: 7);

        Assert.Equal(1, segments.Clusters);
        Assert.Single(segments.Segments);
        Assert.Empty(segments.Candidates);
    }

    /// <summary>50 loyal big spenders, 50 lapsed low spenders and 30 newcomers, drawn with a fixed seed.</summary>
    private static (List<RfmPoint> Points, List<string> Groups) ThreeGroups()
    {
        var random = new Random(11);
        double Between(double low, double high) => low + (high - low) * random.NextDouble();
        var points = new List<RfmPoint>();
        var groups = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var orders = Math.Round(Between(20, 30));
            var spend = Between(5_000, 8_000);
            points.Add(new RfmPoint(Between(1, 10), orders, spend, spend / orders, Between(400, 700)));
            groups.Add(SegmentNaming.LoyalHighSpenders);
        }
        for (var i = 0; i < 50; i++)
        {
            var orders = Math.Round(Between(1, 3));
            var spend = Between(50, 150);
            points.Add(new RfmPoint(Between(300, 400), orders, spend, spend / orders, Between(500, 700)));
            groups.Add(SegmentNaming.LapsedBargainHunters);
        }
        for (var i = 0; i < 30; i++)
        {
            var recency = Between(3, 20);
            points.Add(new RfmPoint(recency, 1, Between(100, 300), Between(100, 300), recency));
            groups.Add(SegmentNaming.NewCustomers);
        }
        return (points, groups);
    }
}
