namespace CrmBot.Core.Seeding;

/// <summary>What a seeding run did: <see cref="Seeded"/> is false when the store already held data and nothing was written; the counts are then those of the existing store.</summary>
public sealed record SeedSummary(bool Seeded, int Customers, int Products, int Orders, int Articles, int Agents, TimeSpan Elapsed);
