using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CrmBot.Core.Recommendations;

/// <summary>
/// Assigns each customer to one strategy of the A/B experiment, and each anonymous visitor by their conversation:
/// SHA-256 of the experiment name and the id, read as a number in [0, 1), falls into one arm's share of the weights.
/// The same id always lands in the same arm, in every process and on every machine (unlike string.GetHashCode).
/// Stateless, so a singleton.
/// </summary>
public sealed class StrategyAssignment(IOptions<RecommendationOptions> options)
{
    private readonly (string Strategy, double UpTo)[] arms = Cumulative(options.Value.Experiment);
    private readonly string name = options.Value.Experiment.Name;

    public string For(int? customerId, Guid conversationId) =>
        Pick(customerId is { } id ? $"customer:{id}" : $"conversation:{conversationId:N}");

    private string Pick(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name + "|" + key));
        double u = (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
        foreach (var (strategy, upTo) in arms)
        {
            if (u < upTo)
            {
                return strategy;
            }
        }
        return arms[^1].Strategy;
    }

    // Arms in name order, so the configuration's order does not matter.
    private static (string, double)[] Cumulative(ExperimentOptions experiment)
    {
        var positive = experiment.Arms.Where(a => a.Value > 0).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        double total = positive.Sum(a => a.Value), sum = 0;
        return [.. positive.Select(a => (a.Key, (sum += a.Value) / total))];
    }
}
