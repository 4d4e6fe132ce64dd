using BenchmarkDotNet.Attributes;
using CrmBot.Core.Understanding;

namespace CrmBot.Benchmarks;

/// <summary>Intent + entities + sentiment for one message: the per-message cost of understanding.</summary>
[MemoryDiagnoser]
public class UnderstandingBenchmarks
{
    private WebApplication _app = null!;
    private string _data = "";
    private MessageUnderstander _understander = null!;
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Params("where is my order BW-482913?", "This is the third time my delivery is late, absolutely useless service!!")]
    public string Message { get; set; } = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_app, _data) = await BenchmarkApp.StartAsync();
        _understander = _app.Services.GetRequiredService<MessageUnderstander>();
    }

    [GlobalCleanup]
    public Task CleanupAsync() => BenchmarkApp.StopAsync(_app, _data);

    [Benchmark]
    public MessageUnderstanding Understand() => _understander.Understand(Message, Today);
}
