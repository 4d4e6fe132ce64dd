using BenchmarkDotNet.Attributes;
using CrmBot.Core.Seeding;
using CrmBot.Core.Engine;

namespace CrmBot.Benchmarks;

/// <summary>One full turn in process: store the message, understand, run the dialog, query orders, store the replies (SQLite, WAL).</summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private WebApplication _app = null!;
    private string _data = "";
    private ConversationEngine _engine = null!;
    private int _n;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_app, _data) = await BenchmarkApp.StartAsync();
        _engine = _app.Services.GetRequiredService<ConversationEngine>();
        await _engine.LinkAccountAsync("bench", "alice", DemoDataSeeder.DemoCustomerEmail, CancellationToken.None);
    }

    [GlobalCleanup]
    public Task CleanupAsync() => BenchmarkApp.StopAsync(_app, _data);

    [Benchmark(Description = "track order (verified, dialog + order query)")]
    public Task<TurnResult> TrackOrder() =>
        _engine.HandleAsync(new InboundMessage("bench", "c" + ++_n, "alice", $"where is my order {DemoDataSeeder.DemoShippedOrderNumber}?", "a" + _n), CancellationToken.None);

    [Benchmark(Description = "FAQ answer (knowledge base)")]
    public Task<TurnResult> Faq() =>
        _engine.HandleAsync(new InboundMessage("bench", "f" + ++_n, "alice", "what payment methods do you accept?", "a" + _n), CancellationToken.None);
}
