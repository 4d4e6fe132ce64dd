using CrmBot.Tests.Handoff;
using CrmBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CrmBot.Tests.Seeding;

/// <summary>
/// Apps started with the demo history switched on, shared by the tests of a class: one with the full 90 days, as a
/// first start makes it, and small ones (a week) for tests that seed again. Started on first use with the shared
/// fixture's trained models, at a fixed moment so the history is the same on every run.
/// </summary>
public sealed class HistoryApps : IAsyncLifetime
{
    /// <summary>A Monday morning in late November.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 15, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Today = new(Now.UtcDateTime.Date, TimeSpan.Zero);

    private readonly List<HandoffApp> started = [];
    private HandoffApp? full;
    private HandoffApp? sharedWeek;

    /// <summary>The app after a first start with the default history (90 days).</summary>
    public HandoffApp Full(CrmBotAppFixture trained) => full ??= Start(trained, new Dictionary<string, string> { ["DemoHistory:Days"] = "90" });

    /// <summary>One app with a week of history for all tests of the class that only read it.</summary>
    public HandoffApp SharedWeek(CrmBotAppFixture trained) => sharedWeek ??= Week(trained);

    /// <summary>A new app with a week of history, for tests that change its store; <paramref name="store"/> settings choose another store than SQLite.</summary>
    public HandoffApp Week(CrmBotAppFixture trained, IReadOnlyDictionary<string, string>? store = null)
    {
        var settings = new Dictionary<string, string> { ["DemoHistory:Days"] = "7", ["DemoHistory:ConversationsPerDay"] = "25" };
        foreach (var (key, value) in store ?? new Dictionary<string, string>()) settings[key] = value;
        return Start(trained, settings);
    }

    private HandoffApp Start(CrmBotAppFixture trained, Dictionary<string, string> settings)
    {
        // The team's real opening hours: the history's out-of-hours escalations are part of what it shows.
        settings["Escalation:OpeningHours:Monday"] = "08:00-20:00";
        foreach (var day in new[] { "Tuesday", "Wednesday", "Thursday", "Friday" }) settings[$"Escalation:OpeningHours:{day}"] = "08:00-20:00";
        settings["Escalation:OpeningHours:Saturday"] = "09:00-17:00";
        settings["Escalation:OpeningHours:Sunday"] = "";
        var app = new HandoffApp(HandoffApp.NewDataDirectory(trained), new FakeTimeProvider(Now), settings);
        started.Add(app);
        _ = app.Services;
        return app;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in started)
        {
            await app.DisposeAsync();
            TestDirectories.Delete(app.DataDirectory);
        }
    }
}
