using BenchmarkDotNet.Running;
using CrmBot.Benchmarks.Load;

// dotnet run -c Release --project tests/CrmBot.Benchmarks -- load --conversations 50 --turns 5   (load generator, see Load/)
// dotnet run -c Release --project tests/CrmBot.Benchmarks -- latency [--passes 3] [--json]          (p50/p95/p99 of understanding one message)
// dotnet run -c Release --project tests/CrmBot.Benchmarks -- analytics [--runs 5] [--store DIR]   (supervisor analytics on 100,000 conversations, see Analytics/)
// dotnet run -c Release --project tests/CrmBot.Benchmarks -- --filter '*'                          (BenchmarkDotNet)
if (args is ["load", .. var rest])
{
    return await LoadCommand.RunAsync(rest);
}
if (args is ["analytics", .. var analytics])
{
    return await CrmBot.Benchmarks.Analytics.AnalyticsCommand.RunAsync(analytics);
}
if (args is ["latency", .. var options])
{
    return await CrmBot.Benchmarks.Latency.UnderstandingLatencyCommand.RunAsync(options);
}
BenchmarkSwitcher.FromAssembly(typeof(CrmBot.Benchmarks.TurnBenchmarks).Assembly).Run(args);
return 0;
