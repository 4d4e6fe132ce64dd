using CrmBot.Core.Storage;
using CrmBot.Tests.Handoff;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Infrastructure;

/// <summary>
/// One app per test class on its own seeded store, put back to the freshly seeded state before each test (SQLite's
/// online backup), so a test can cancel or return Alice's orders without changing what the next test sees. Starts on
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
            var paths = app.Services.GetRequiredService<CrmBotPaths>();
            _snapshot = new StoreSnapshot(paths.DatabaseFile, Path.Combine(paths.DataDirectory, "seeded.db"));
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
