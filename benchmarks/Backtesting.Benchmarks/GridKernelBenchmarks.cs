using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;

namespace Backtesting.Benchmarks;

/// <summary>
/// Issue 17: each built-in's 10x10 grid on gbm_100000 (commission 1 bp), whole and split into its two costs, so a
/// profile says where a grid's time goes: every cell's signals (the kernel, indicator series shared), and every
/// cell's simulation with metrics from ready signals. One thread each, so the split adds up.
/// </summary>
[MemoryDiagnoser]
public class GridKernelBenchmarks
{
    private BarSeries _bars = null!;
    private OptimizationRequest _request = null!;
    private StrategyConfig[] _configs = null!;
    private sbyte[][] _signals = null!;

    [Params("sma_crossover", "ema_crossover", "donchian_breakout", "rsi_reversion", "bollinger_reversion", "macd_crossover")]
    public string Strategy { get; set; } = "";

    /// <summary>Ten values on each of two axes (MACD: fast x slow, signal 9; sma: the README's grid, 10 of its cells invalid).</summary>
    public static IReadOnlyList<ParameterAxis> Axes(string strategy) => strategy switch
    {
        "sma_crossover" => [ParameterAxis.Range("fast_period", 5, 50, 5), ParameterAxis.Range("slow_period", 20, 200, 20)],
        "ema_crossover" => [ParameterAxis.Range("fast_period", 5, 50, 5), ParameterAxis.Range("slow_period", 60, 240, 20)],
        "donchian_breakout" => [ParameterAxis.Range("entry_period", 10, 100, 10), ParameterAxis.Range("exit_period", 5, 50, 5)],
        "rsi_reversion" => [ParameterAxis.Range("period", 5, 50, 5), ParameterAxis.Range("oversold", 20, 38, 2)],
        "bollinger_reversion" => [ParameterAxis.Range("period", 10, 100, 10), ParameterAxis.Range("num_std", 1, 3.25, 0.25)],
        "macd_crossover" => [ParameterAxis.Range("fast_period", 4, 22, 2), ParameterAxis.Range("slow_period", 24, 60, 4)],
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "not a benchmarked strategy"),
    };

    [GlobalSetup]
    public void Setup()
    {
        _bars = ReferenceData.Load("gbm_100000.csv", 100_000);
        _request = new OptimizationRequest
        {
            StrategyId = Strategy,
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
            Axes = Axes(Strategy),
            InitialCapital = 100_000,
        };
        // the valid cells (sma: fast < slow)
        _configs = [.. GridOptimizer.Expand(_request).Select(p => StrategyConfigValidator.Validate(Strategy, p)).Where(v => v.IsValid).Select(v => v.Config!)];
        _signals = [.. _configs.Select(c => { var s = new sbyte[_bars.Count]; c.CreateStrategy().GenerateSignals(_bars, s); return s; })];
    }

    [Benchmark(Description = "10x10 grid (GridOptimizer.Run, every core)")]
    public int Grid() => GridOptimizer.Run(_bars, _request).Evaluated;

    [Benchmark(Description = "signals of every cell, one thread")]
    public int Signals()
    {
        // in batches of the kernel's width, as the grid hands them over (MACD: four cells in the lanes of a vector)
        var backtester = new ResearchBacktester(_bars, StrategyCatalog.Find(Strategy)!, BacktestOptions.Default);
        // the series the grid computes ahead (EMA: four periods per pass), then the cells
        foreach (var part in backtester.Kernel.Prepare([.. _configs.Select(c => c.Parameters)])) part();
        int width = backtester.Kernel.BatchWidth;
        var batch = Enumerable.Range(0, width).Select(_ => new sbyte[_bars.Count]).ToArray();
        int total = 0;
        for (int first = 0; first < _configs.Length; first += width)
        {
            backtester.GenerateSignals(_configs.AsSpan(first, Math.Min(width, _configs.Length - first)), batch);
            total += batch[0][^1];
        }
        return total;
    }

    [Benchmark(Description = "simulation + metrics of every cell, one thread")]
    public double SimulationAndMetrics()
    {
        var backtester = new ResearchBacktester(_bars, StrategyCatalog.Find(Strategy)!, BacktestOptions.Default);
        var workspace = new BacktestWorkspace(_bars.Count);
        double total = 0;
        for (int i = 0; i < _configs.Length; i++)
            total += backtester.Simulate(_configs[i], _signals[i], 100_000, workspace).FinalCapital;
        return total;
    }
}
