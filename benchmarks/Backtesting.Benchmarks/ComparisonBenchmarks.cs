using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Comparison;
using Backtesting.Engine.Data;

namespace Backtesting.Benchmarks;

/// <summary>Six strategies side by side on gbm_100000, with the daily-return correlation matrix.</summary>
[MemoryDiagnoser]
public class ComparisonBenchmarks
{
    private BarSeries _bars = null!;
    private ComparisonRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = ReferenceData.Load("gbm_100000.csv", 100_000);
        _request = new ComparisonRequest
        {
            Candidates = new[] { "sma_crossover", "ema_crossover", "macd_crossover", "rsi_reversion", "bollinger_reversion", "donchian_breakout" }
                .Select(id => new ComparisonCandidate { StrategyId = id, Parameters = new Dictionary<string, object?> { ["commission"] = 0.0001 } }).ToArray(),
            InitialCapital = 100_000,
        };
    }

    [Benchmark(Description = "compare 6 strategies, 100k bars")]
    public int SixStrategies() => StrategyComparison.Run(_bars, _request).Ranking[0];
}
