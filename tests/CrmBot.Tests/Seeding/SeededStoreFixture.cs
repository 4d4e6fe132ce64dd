namespace CrmBot.Tests.Seeding;

/// <summary>One seeded store shared by the read-only seeding tests (seeding takes seconds; reading it takes milliseconds).</summary>
public sealed class SeededStoreFixture : IAsyncLifetime
{
    /// <summary>A Sunday morning: weekend dispatch rules and the midnight reference are both exercised.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    public TestStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await TestStore.CreateSeededAsync(Now);

    public async Task DisposeAsync() => await Store.DisposeAsync();
}
