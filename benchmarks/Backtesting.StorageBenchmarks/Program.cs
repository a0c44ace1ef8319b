using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Backtesting.StorageBenchmarks -- --filter '*'
// PostgreSQL cases need BACKTESTING_BENCH_POSTGRES (or BACKTESTING_TEST_POSTGRES): a superuser connection string.
BenchmarkSwitcher.FromAssembly(typeof(Backtesting.StorageBenchmarks.StoreBenchmarks).Assembly).Run(args);
