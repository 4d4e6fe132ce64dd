using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CrmBot.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(CrmBot.Benchmarks.TurnBenchmarks).Assembly).Run(args);
