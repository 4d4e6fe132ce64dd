using CrmBot.Tests.Infrastructure;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// One <see cref="HandoffApp"/> for all tests of a class, on its own store so agents' presence and queues are the
/// class's alone. Started on first use (it needs the shared fixture's trained models), disposed with the class.
/// </summary>
public sealed class HandoffAppPerClass : IAsyncLifetime
{
    private HandoffApp? _app;

    /// <summary>
    /// The class's app, started in <paramref name="environment"/> with <paramref name="settings"/> on first use. Tests of
    /// one class run one at a time, so no lock.
    /// </summary>
    public HandoffApp Get(CrmBotAppFixture trained, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    {
        if (_app is null)
        {
            _app = new HandoffApp(HandoffApp.NewDataDirectory(trained), settings: settings, environment: environment);
            _ = _app.Services;
        }
        return _app;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            TestDirectories.Delete(_app.DataDirectory);
        }
    }
}
