using BenchmarkDotNet.Attributes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Portfolio;

namespace Backtesting.Benchmarks;

/// <summary>Three assets on different clocks (GOOG daily, EURUSD hourly, gbm_100000 minutes), sma 10/30 each, monthly rebalancing.</summary>
[MemoryDiagnoser]
public class PortfolioBenchmarks
{
    private Dictionary<string, BarSeries> _bars = null!;
    private PortfolioRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = new Dictionary<string, BarSeries>
        {
            ["GOOG"] = ReferenceData.Load("GOOG.csv", 2_148),
            ["EURUSD"] = ReferenceData.Load("EURUSD.csv", 5_000),
            ["GBM"] = ReferenceData.Load("gbm_100000.csv", 100_000),
        };
        _request = new PortfolioRequest
        {
            Assets = [new PortfolioAsset { Symbol = "GOOG", Weight = 0.4 }, new PortfolioAsset { Symbol = "EURUSD", Weight = 0.3 }, new PortfolioAsset { Symbol = "GBM", Weight = 0.3 }],
            StrategyId = "sma_crossover",
            Parameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
            InitialCapital = 100_000,
            Rebalance = RebalanceMode.Monthly,
        };
    }

    [Benchmark(Description = "portfolio of 3 assets, 107k union bars, monthly rebalance")]
    public double ThreeAssets() => PortfolioBacktester.Run(_bars, _request).Metrics.FinalCapital;
}
