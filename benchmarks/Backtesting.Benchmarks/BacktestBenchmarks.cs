using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Benchmarks;

/// <summary>
/// sma_crossover 10/30 long-only on gbm_1000000 (engine only: signals, simulation, equity curve and metrics). The first
/// case is a caller that keeps each run's curve, so every run writes a fresh 8 MB array; the second hands the same
/// curve back every run (the <c>equity</c> parameter, as the CLI passes a curve it mapped ahead): the difference is the
/// cost of fresh memory (page faults of the curve, and the collections its allocation triggers), not of the engine.
/// </summary>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    private BarSeries _bars = null!;
    private StrategyConfig _config = null!;
    private double[] _curve = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = ReferenceData.Load("gbm_1000000.csv.gz", 1_000_000);
        _config = StrategyConfigValidator.Validate("sma_crossover", new Dictionary<string, object?>
        {
            ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001,
        }).GetConfigOrThrow();
        _curve = new double[_bars.Count];
    }

    [Benchmark(Description = "sma_crossover 10/30, 1M bars")]
    public double SmaCrossover1M() => BacktestEngine.Run(_bars, _config, 100_000).Metrics.FinalCapital;

    [Benchmark(Description = "the same into a curve handed back every run")]
    public double SmaCrossover1MReusedCurve() => BacktestEngine.Run(_bars, _config, 100_000, equity: _curve).Metrics.FinalCapital;
}
