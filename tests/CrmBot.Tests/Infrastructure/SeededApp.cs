using CrmBot.Core.Conversations;
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
    private HandoffApp? _app;
    private StoreSnapshot? _snapshot;

    public async Task<HandoffApp> FreshAsync(CrmBotAppFixture trained)
    {
        if (_app is null)
        {
            _app = new HandoffApp(HandoffApp.NewDataDirectory(trained));
            var paths = _app.Services.GetRequiredService<CrmBotPaths>();
            _snapshot = new StoreSnapshot(paths.DatabaseFile, Path.Combine(paths.DataDirectory, "seeded.db"));
            await _snapshot.TakeAsync(default);
        }
        else
        {
            await _snapshot!.RestoreAsync(default);
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

/// <summary>A customer chatting with a <see cref="SeededApp"/>'s engine.</summary>
public sealed class ChattingCustomer(HandoffApp app)
{
    private int _messages;

    public string ConversationId { get; } = "conv-" + Guid.NewGuid().ToString("N");
    public string AccountId { get; } = "user-" + Guid.NewGuid().ToString("N");
    public List<TurnResult> Turns { get; } = [];

    private ConversationEngine Engine => app.Services.GetRequiredService<ConversationEngine>();

    public static async Task<ChattingCustomer> SignedInAsync(HandoffApp app, string email)
    {
        var customer = new ChattingCustomer(app);
        Assert.True(await customer.Engine.LinkAccountAsync("test", customer.AccountId, email, default));
        return customer;
    }

    public async Task<string> SayAsync(string text)
    {
        var result = await Engine.HandleAsync(new InboundMessage("test", ConversationId, AccountId, text, "m" + ++_messages), default);
        Turns.Add(result);
        return LastReply;
    }

    /// <summary>All reply texts of the last turn, joined.</summary>
    public string LastReply => string.Join("\n", Turns[^1].Replies.Select(r => r.Text));

    public IReadOnlyList<string> LastActions => Turns[^1].Replies.SelectMany(r => r.SuggestedActions).ToList();

    public bool Escalated => Turns.Any(t => t.EscalationReference is not null);
}
