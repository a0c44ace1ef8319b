using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Benchmarks;

/// <summary>sma_crossover 10/30 long-only on gbm_1000000 (engine only: signals, simulation, equity curve and metrics).</summary>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    private BarSeries _bars = null!;
    private StrategyConfig _config = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = ReferenceData.Load("gbm_1000000.csv.gz", 1_000_000);
        _config = StrategyConfigValidator.Validate("sma_crossover", new Dictionary<string, object?>
        {
            ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001,
        }).GetConfigOrThrow();
    }

    [Benchmark(Description = "sma_crossover 10/30, 1M bars")]
    public double SmaCrossover1M() => BacktestEngine.Run(_bars, _config, 100_000).Metrics.FinalCapital;
}
