using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Benchmarks;

/// <summary>Rolling walk-forward on gbm_100000: the 10x10 sma grid in sample (20k bars), 10k bars out of sample, 8 windows.</summary>
[MemoryDiagnoser]
public class WalkForwardBenchmarks
{
    private BarSeries _bars = null!;
    private WalkForwardRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = ReferenceData.Load("gbm_100000.csv", 100_000);
        _request = new WalkForwardRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
            Axes = [ParameterAxis.Range("fast_period", 5, 50, 5), ParameterAxis.Range("slow_period", 20, 200, 20)],
            InitialCapital = 100_000,
            InSample = WindowLength.OfBars(20_000),
            OutOfSample = WindowLength.OfBars(10_000),
        };
    }

    [Benchmark(Description = "walk-forward 8 windows, 10x10 sma grid, 100k bars")]
    public double Rolling() => WalkForwardAnalyzer.Run(_bars, _request).Metrics.FinalCapital;
}
