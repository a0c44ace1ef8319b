using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Optimization;

namespace Backtesting.Benchmarks;

/// <summary>The 10x10 sma_crossover grid (fast 5..50 step 5, slow 20..200 step 20) on gbm_100000.</summary>
[MemoryDiagnoser]
public class OptimizationBenchmarks
{
    private BarSeries _bars = null!;
    private OptimizationRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = ReferenceData.Load("gbm_100000.csv", 100_000);
        _request = new OptimizationRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
            Axes = [ParameterAxis.Range("fast_period", 5, 50, 5), ParameterAxis.Range("slow_period", 20, 200, 20)],
            Objective = "sharpe_ratio",
            InitialCapital = 100_000,
        };
    }

    [Benchmark(Description = "10x10 sma grid, 100k bars")]
    public int Grid10x10() => GridOptimizer.Run(_bars, _request).Evaluated;
}
