using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Backtesting.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Backtesting.Benchmarks.ReferenceData).Assembly).Run(args);
