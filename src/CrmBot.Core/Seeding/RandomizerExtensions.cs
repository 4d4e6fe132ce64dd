using Bogus;

namespace CrmBot.Core.Seeding;

internal static class RandomizerExtensions
{
    /// <summary>
    /// An item picked with probability proportional to its weight. Bogus's own WeightedRandom silently assumes the weights
    /// sum to 1 and returns the first item otherwise; this one takes any non-negative weights.
    /// </summary>
    public static T Weighted<T>(this Randomizer random, IReadOnlyList<T> items, IReadOnlyList<double> weights)
    {
        var target = random.Double() * weights.Sum();
        for (var i = 0; i < items.Count; i++)
        {
            target -= weights[i];
            if (target < 0) return items[i];
        }
        return items[^1];
    }

    /// <summary>An item picked uniformly from any list (Bogus's own ListItem takes only a List).</summary>
    public static T Pick<T>(this Randomizer random, IReadOnlyList<T> items) => items[random.Number(0, items.Count - 1)];
}
