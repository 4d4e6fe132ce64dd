namespace CrmBot.Tests.Seeding;

/// <summary>Test classes in this collection share one seeded store instead of seeding their own.</summary>
[CollectionDefinition(Name)]
public sealed class SeededStoreCollection : ICollectionFixture<SeededStoreFixture>
{
    public const string Name = "Seeded store";
}
