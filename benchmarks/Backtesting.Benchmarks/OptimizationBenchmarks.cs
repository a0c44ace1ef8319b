using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Optimization;

namespace Backtesting.Benchmarks;

/// <summary>
/// The 10x10 sma_crossover grid (fast 5..50 step 5, slow 20..200 step 20) on gbm_100000: the shared-work
/// fast path, the same cells as independent single runs (the path before it), a seeded random search,
/// and an ema_crossover grid through the shared indicator series.
/// </summary>
[MemoryDiagnoser]
public class OptimizationBenchmarks
{
    private BarSeries _bars = null!;
    private OptimizationRequest _request = null!;
    private OptimizationRequest _ema = null!;

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
        _ema = _request with { StrategyId = "ema_crossover" };
    }

    [Benchmark(Description = "10x10 sma grid, 100k bars")]
    public int Grid10x10() => GridOptimizer.Run(_bars, _request).Evaluated;

    [Benchmark(Description = "10x10 sma grid, 100k bars, one BacktestEngine.Run per cell")]
    public int Grid10x10SingleRuns()
    {
        var cells = GridOptimizer.Expand(_request);
        int evaluated = 0;
        Parallel.For(0, cells.Count, i =>
        {
            if (!GridOptimizer.Evaluate(_bars, _request, i, cells[i]).Skipped) Interlocked.Increment(ref evaluated);
        });
        return evaluated;
    }

    [Benchmark(Description = "random search 30 of the 10x10 sma grid, 100k bars")]
    public int RandomSearch30() => GridOptimizer.Run(_bars, _request with { RandomSamples = 30, Seed = 7 }).Evaluated;

    [Benchmark(Description = "10x10 ema grid, 100k bars")]
    public int EmaGrid10x10() => GridOptimizer.Run(_bars, _ema).Evaluated;
}
