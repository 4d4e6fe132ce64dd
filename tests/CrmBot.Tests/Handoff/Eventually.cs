namespace CrmBot.Tests.Handoff;

/// <summary>Polls for something that happens in the background (a bot turn, a router pass) instead of sleeping and hoping.</summary>
public static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Calls <paramref name="probe"/> until it returns a value; fails with <paramref name="what"/> after 30 s.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Gave up after {Patience.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Calls <paramref name="probe"/> until it returns true; fails with <paramref name="what"/> after 30 s.</summary>
    public static Task TrueAsync(Func<Task<bool>> probe, string what) =>
        GetAsync<object>(async () => await probe() ? true : null, what);
}
