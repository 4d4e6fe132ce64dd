using CrmBot.Core.Storage;
using CrmBot.Tests.Handoff;

namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// One app per test class on its own seeded store, put back to the freshly seeded state before each test
/// (<see cref="StoreSnapshot"/>: SQLite's online backup, or a copy of a PostgreSQL template database), so a test can cancel or return Alice's orders without changing what the next test sees. Starts on
/// first use with the shared fixture's trained models; tests of one class run one at a time.
/// </summary>
public sealed class SeededApp : IAsyncLifetime
{
    private readonly HandoffAppPerClass _apps = new();
    private StoreSnapshot? _snapshot;

    public async Task<HandoffApp> FreshAsync(CrmBotAppFixture trained)
    {
        var app = _apps.Get(trained);
        if (_snapshot is null)
        {
            _snapshot = StoreSnapshot.Of(app.Services, "seeded");
            await _snapshot.TakeAsync(default);
        }
        else
        {
            await _snapshot.RestoreAsync(default);
        }
        return app;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _apps.DisposeAsync();
}
