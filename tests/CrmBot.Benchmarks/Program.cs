using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CrmBot.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
