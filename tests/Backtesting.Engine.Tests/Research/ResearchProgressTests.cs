using Backtesting.Engine.Comparison;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Portfolio;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Data;
using Backtesting.Engine.Tests.Support;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Engine.Tests.Research;

/// <summary>
/// Every research job reports its units to an optional progress callback: all of them, once, and the result is the same
/// as without one (the callback only listens).
/// </summary>
public sealed class ResearchProgressTests
{
    private static readonly Dictionary<string, object?> Sma = new() { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 };

    [Fact]
    public void GridOptimizer_ReportsEveryCell_SkippedOnesIncluded_AndTheSameResult()
    {
        // fast 10..40 x slow 20..40: the 6 cells with fast >= slow (20/20, 30/20, 30/30, 40/20, 40/30, 40/40) are skipped, 6 of 12 run
        var request = new OptimizationRequest
        {
            StrategyId = "sma_crossover",
            Axes = [ParameterAxis.Range("fast_period", 10, 40, 10), ParameterAxis.Range("slow_period", 20, 40, 10)],
            InitialCapital = 10_000,
        };
        var progress = new CountingProgress();

        var reported = GridOptimizer.Run(TestDataFiles.Goog, request, progress);
        var plain = GridOptimizer.Run(TestDataFiles.Goog, request);

        Assert.Equal(12, progress.Total);
        Assert.Equal(6, reported.Cells.Count(c => c.Metrics is null));
        Assert.Equal(plain.Cells.Select(c => c.Metrics?.FinalCapital), reported.Cells.Select(c => c.Metrics?.FinalCapital));
    }

    [Fact]
    public void WalkForward_ReportsOnePerWindow_AndTheSameResult()
    {
        var request = new WalkForwardRequest
        {
            StrategyId = "sma_crossover",
            FixedParameters = new Dictionary<string, object?> { ["slow_period"] = 40 },
            Axes = [ParameterAxis.Range("fast_period", 5, 20, 5)],
            InitialCapital = 10_000,
            InSample = WindowLength.OfBars(300),
            OutOfSample = WindowLength.OfBars(200),
        };
        var bars = TestDataFiles.Goog.Slice(0, 1000);
        var progress = new CountingProgress();

        var reported = WalkForwardAnalyzer.Run(bars, request, progress);
        var plain = WalkForwardAnalyzer.Run(bars, request);

        // out of sample 300..500, 500..700, 700..900, 900..1000
        Assert.Equal(4, progress.Total);
        Assert.Equal(4, progress.Reports);
        Assert.Equal(plain.Equity, reported.Equity);
    }

    [Theory]
    [InlineData(MonteCarloMethod.TradeReshuffle, 250)]
    [InlineData(MonteCarloMethod.BlockBootstrap, 20)]
    public void MonteCarlo_ReportsOnePerPath_AndTheSameResult(MonteCarloMethod method, int paths)
    {
        var request = new MonteCarloRequest
        {
            StrategyId = "sma_crossover",
            Parameters = Sma,
            InitialCapital = 10_000,
            Method = method,
            Paths = paths,
            Seed = 5,
        };
        var progress = new CountingProgress();

        var reported = MonteCarloSimulator.Run(TestDataFiles.Goog, request, progress);
        var plain = MonteCarloSimulator.Run(TestDataFiles.Goog, request);

        Assert.Equal(paths, progress.Total);
        Assert.Equal(paths, progress.Reports);
        Assert.Equal(plain.Distributions.Select(d => d.Percentiles), reported.Distributions.Select(d => d.Percentiles));
    }

    [Fact]
    public void Comparison_ReportsOnePerCandidate_AndTheSameResult()
    {
        var request = new ComparisonRequest
        {
            Candidates =
            [
                new ComparisonCandidate { StrategyId = "buy_and_hold", Parameters = new Dictionary<string, object?>() },
                new ComparisonCandidate { StrategyId = "sma_crossover", Parameters = Sma },
                new ComparisonCandidate { StrategyId = "sma_crossover", Parameters = new Dictionary<string, object?>(Sma) { ["slow_period"] = 50 } },
            ],
            InitialCapital = 10_000,
        };
        var progress = new CountingProgress();

        var reported = StrategyComparison.Run(TestDataFiles.Goog, request, progress);
        var plain = StrategyComparison.Run(TestDataFiles.Goog, request);

        Assert.Equal(3, progress.Total);
        Assert.Equal(plain.Ranking, reported.Ranking);
    }

    [Fact]
    public void Portfolio_ReportsEveryTimelineBarInAboutAHundredSteps_AndTheSameResult()
    {
        // GOOG's 2,148 days and its first 1,000 again under another symbol: the union is GOOG's 2,148 bars,
        // reported every 21 bars (2,148 / 100): 102 full steps of 21 = 2,142, then the last 6
        var bars = new Dictionary<string, BarSeries> { ["A"] = TestDataFiles.Goog, ["B"] = TestDataFiles.Goog.Slice(0, 1000) };
        var request = new PortfolioRequest
        {
            Assets = [new PortfolioAsset { Symbol = "A", Weight = 0.5 }, new PortfolioAsset { Symbol = "B", Weight = 0.5 }],
            StrategyId = "sma_crossover",
            Parameters = Sma,
            InitialCapital = 10_000,
        };
        var progress = new CountingProgress();

        var reported = PortfolioBacktester.Run(bars, request, progress);
        var plain = PortfolioBacktester.Run(bars, request);

        Assert.Equal(2_148, PortfolioBacktester.Timeline(bars).Length);
        Assert.Equal(2_148, progress.Total);
        Assert.Equal(103, progress.Reports);
        Assert.Equal(plain.Equity, reported.Equity);
    }

    [Fact]
    public void Backtest_OfFewerThanAHundredBars_ReportsEachBarOnce()
    {
        // 50 bars in chunks of ceil(50 / 100) = 1 bar
        var progress = new CountingProgress();
        var bars = TestDataFiles.Goog.Slice(0, 50);

        var reported = BacktestEngine.Run(bars, EngineRun.Config("buy_and_hold", new Dictionary<string, object?>()), 10_000, progress: progress);

        Assert.Equal(50, progress.Total);
        Assert.Equal(50, progress.Reports);
        Assert.Equal(BacktestEngine.Run(bars, EngineRun.Config("buy_and_hold", new Dictionary<string, object?>()), 10_000).Equity, reported.Equity);
    }
}
