using Backtesting.Engine.Data;
using Backtesting.Engine.Portfolio;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Research;

public sealed class PortfolioTests
{
    public static TheoryData<string, Dictionary<string, object?>> SingleAssetCases() => new()
    {
        { "sma_crossover", new() { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 } },
        { "sma_crossover", new() { ["fast_period"] = 5, ["slow_period"] = 30, ["direction"] = "long_short", ["commission"] = 0.001, ["slippage_bps"] = 3 } },
        { "sma_crossover", new() { ["direction"] = "short", ["fill"] = "close", ["close_at_end"] = true } },
        { "ema_crossover", new() { ["stop_loss_pct"] = 0.03, ["take_profit_pct"] = 0.08, ["commission"] = 0.001 } },
        { "rsi_reversion", new() { ["fractional"] = true, ["position_size"] = 0.5 } },
        { "buy_and_hold", new() { ["commission"] = 0.001 } },
    };

    [Theory]
    [MemberData(nameof(SingleAssetCases))]
    public void Run_OneAssetAtWeightOne_EqualsTheSingleBacktest(string strategy, Dictionary<string, object?> parameters)
    {
        foreach (var bars in new[] { TestDataFiles.Goog, TestDataFiles.Gbm10000 })
        {
            var single = EngineRun.Validated(bars, strategy, parameters, 10_000);
            var request = new PortfolioRequest
            {
                Assets = [new PortfolioAsset { Symbol = "X", Weight = 1 }],
                StrategyId = strategy,
                Parameters = parameters,
                InitialCapital = 10_000,
            };

            var portfolio = PortfolioBacktester.Run(new Dictionary<string, BarSeries> { ["X"] = bars }, request);

            Assert.Equal(single.Metrics, portfolio.Metrics);
            Assert.Equal(single.Equity, portfolio.Equity);
            Assert.Equal(bars.Timestamps, portfolio.Timestamps);
            Assert.Equal(single.Trades, portfolio.Assets[0].Trades);
            AssertNumber.Relative(portfolio.Metrics.TotalReturn, portfolio.Assets[0].Contribution, 1e-9, "contribution");
        }
    }

    [Fact]
    public void Run_TwoBuyAndHoldAssets_HandChecked()
    {
        // A doubles, B stays flat; 50/50 of 1000 bought at bar 1's open (10): 50 units each
        var request = new PortfolioRequest
        {
            Assets = [new PortfolioAsset { Symbol = "A", Weight = 0.5 }, new PortfolioAsset { Symbol = "B", Weight = 0.5 }],
            Parameters = new Dictionary<string, object?> { ["fractional"] = true },
            InitialCapital = 1000,
        };
        var bars = new Dictionary<string, BarSeries> { ["A"] = TestBars.FromCloses(10, 10, 20, 20), ["B"] = TestBars.FromCloses(10, 10, 10, 10) };

        var result = PortfolioBacktester.Run(bars, request);

        Assert.Equal(new double[] { 1000, 1000, 1500, 1500 }, result.Equity);
        Assert.Equal(0.5, result.Metrics.TotalReturn, 12);
        Assert.Equal(500, result.Assets[0].Pnl, 9);
        Assert.Equal(0.5, result.Assets[0].Contribution, 12);
        Assert.Equal(0, result.Assets[1].Pnl, 9);
        Assert.Equal(2, result.Metrics.OpenTrades);
        Assert.Equal(0.5 * 1 + 0.5 * 0, result.Metrics.BuyAndHoldReturn, 12);
        Assert.Equal(1000.0 / 1500, result.Assets[0].FinalWeight, 12);
        Assert.Equal(0, result.Rebalances);
    }

    [Fact]
    public void Run_DailyRebalance_RestoresTargetWeightsAndRealisesPnl()
    {
        // at bar 2's open A is worth 1000 of 1500: sell 12.5 A at 20, buy 25 B at 10, back to 750 / 750
        var request = new PortfolioRequest
        {
            Assets = [new PortfolioAsset { Symbol = "A", Weight = 0.5 }, new PortfolioAsset { Symbol = "B", Weight = 0.5 }],
            Parameters = new Dictionary<string, object?> { ["fractional"] = true },
            InitialCapital = 1000,
            Rebalance = RebalanceMode.Daily,
        };
        var bars = new Dictionary<string, BarSeries> { ["A"] = TestBars.FromCloses(10, 10, 20, 20), ["B"] = TestBars.FromCloses(10, 10, 10, 10) };

        var result = PortfolioBacktester.Run(bars, request);

        Assert.Equal(1, result.Rebalances);
        Assert.Equal(0.5, result.Assets[0].FinalWeight, 12);
        Assert.Equal(0.5, result.Assets[1].FinalWeight, 12);
        var openA = result.Assets[0].Trades.Single();
        Assert.True(openA.IsOpen);
        Assert.Equal(37.5, openA.Quantity, 12);
        Assert.Equal(500, openA.Pnl, 9); // 37.5 x (20 - 10) + 12.5 x (20 - 10) realised
        Assert.Equal(75, result.Assets[1].Trades.Single().Quantity, 12);
        Assert.Equal(1500, result.Equity[^1], 9);
    }

    [Fact]
    public void Run_ThresholdRebalance_TradesOnlyWhenDriftExceedsThreshold()
    {
        var bars = new Dictionary<string, BarSeries>
        {
            ["A"] = TestBars.FromCloses(10, 10, 10.5, 11, 16, 16),
            ["B"] = TestBars.FromCloses(10, 10, 10, 10, 10, 10),
        };
        PortfolioRequest Request(double threshold) => new()
        {
            Assets = [new PortfolioAsset { Symbol = "A", Weight = 0.5 }, new PortfolioAsset { Symbol = "B", Weight = 0.5 }],
            Parameters = new Dictionary<string, object?> { ["fractional"] = true },
            InitialCapital = 1000,
            Rebalance = RebalanceMode.Threshold,
            DriftThreshold = threshold,
        };

        // weights of A: 0.5, 0.512, 0.524, then 0.615 at bar 4's close (16 vs 10): only that drift exceeds 0.05
        var result = PortfolioBacktester.Run(bars, Request(0.05));
        var never = PortfolioBacktester.Run(bars, Request(0.5));

        Assert.Equal(1, result.Rebalances);
        Assert.Equal(0.5, result.Assets[0].FinalWeight, 12);
        Assert.Equal(0, never.Rebalances);
    }

    [Fact]
    public void Run_MonthlyRebalanceOnDailyBars_RebalancesAtMostOncePerMonth()
    {
        var goog = TestDataFiles.Goog;
        var inverse = new BarSeries(goog.Timestamps, goog.Open.Select(p => Math.Round(100_000 / p, 2)).ToArray(),
            goog.Low.Select(p => Math.Round(100_000 / p, 2)).ToArray(), goog.High.Select(p => Math.Round(100_000 / p, 2)).ToArray(),
            goog.Close.Select(p => Math.Round(100_000 / p, 2)).ToArray(), goog.Volume, 2);
        var request = new PortfolioRequest
        {
            Assets = [new PortfolioAsset { Symbol = "GOOG", Weight = 0.6 }, new PortfolioAsset { Symbol = "INV", Weight = 0.4 }],
            InitialCapital = 100_000,
            Parameters = new Dictionary<string, object?> { ["commission"] = 0.001 },
            Rebalance = RebalanceMode.Monthly,
        };

        var result = PortfolioBacktester.Run(new Dictionary<string, BarSeries> { ["GOOG"] = goog, ["INV"] = inverse }, request);

        int months = goog.Timestamps.Select(t => new DateTime(t).Year * 12 + new DateTime(t).Month).Distinct().Count();
        Assert.InRange(result.Rebalances, months / 2, months - 1);
        Assert.InRange(result.Assets[0].FinalWeight, 0.55, 0.65);
        AssertNumber.Relative(result.Metrics.TotalReturn, result.Assets.Sum(a => a.Contribution), 1e-9, "contributions sum to the return");
        AssertNumber.Relative(result.Metrics.TotalFees, result.Assets.Sum(a => a.Fees), 1e-12, "fees");
    }

    [Fact]
    public void Run_AssetsOnDifferentTimestamps_AlignOnTheUnionAndMarkAtTheLatestClose()
    {
        // B trades every other day; on its missing days it stays marked at its previous close
        var a = TestBars.FromCloses(10, 10, 11, 12, 13, 14);
        var full = TestBars.FromCloses(20, 20, 22, 24, 26, 28);
        int[] keep = [0, 2, 4];
        var b = new BarSeries(keep.Select(i => full.Timestamps[i]).ToArray(), keep.Select(i => full.Open[i]).ToArray(), keep.Select(i => full.High[i]).ToArray(),
            keep.Select(i => full.Low[i]).ToArray(), keep.Select(i => full.Close[i]).ToArray(), keep.Select(_ => 1.0).ToArray(), 0);
        var request = new PortfolioRequest
        {
            Assets = [new PortfolioAsset { Symbol = "A", Weight = 0.5 }, new PortfolioAsset { Symbol = "B", Weight = 0.5 }],
            Parameters = new Dictionary<string, object?> { ["fractional"] = true },
            InitialCapital = 1000,
        };

        var result = PortfolioBacktester.Run(new Dictionary<string, BarSeries> { ["A"] = a, ["B"] = b }, request);

        Assert.Equal(a.Timestamps, result.Timestamps);
        // A: 50 units bought at bar 1 (10); B: its signal at its bar 0 fills at its next bar (day 2, open 22): 500 / 22 units
        double unitsB = 500.0 / 22;
        Assert.Equal(500 + 50 * 11 - 500 + unitsB * 22, result.Equity[2], 9);
        Assert.Equal(50 * 12 + unitsB * 22, result.Equity[3], 9); // B has no bar on day 3: marked at day 2's close
        Assert.Equal(50 * 14 + unitsB * 26, result.Equity[5], 9);
    }

    [Fact]
    public void Run_PerAssetStrategies_EachAssetUsesItsOwn()
    {
        var request = new PortfolioRequest
        {
            Assets =
            [
                new PortfolioAsset { Symbol = "GOOG", Weight = 0.5, StrategyId = "sma_crossover", Parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20 } },
                new PortfolioAsset { Symbol = "GBM", Weight = 0.5 },
            ],
            InitialCapital = 100_000,
        };

        var result = PortfolioBacktester.Run(new Dictionary<string, BarSeries> { ["GOOG"] = TestDataFiles.Goog, ["GBM"] = TestDataFiles.Gbm10000 }, request);

        Assert.Equal("sma_crossover", result.Assets[0].StrategyId);
        Assert.Equal("buy_and_hold", result.Assets[1].StrategyId);
        Assert.True(result.Assets[0].ClosedTrades > 10);
        Assert.Equal(0, result.Assets[1].ClosedTrades);
        Assert.Equal(TestDataFiles.Goog.Count + TestDataFiles.Gbm10000.Count, result.Timestamps.Length);
        AssertNumber.Relative(result.Metrics.TotalReturn, result.Assets.Sum(a => a.Contribution), 1e-9, "contributions");
    }

    [Fact]
    public void Validate_BadRequest_ReportsEveryProblemWithField()
    {
        var request = new PortfolioRequest
        {
            Assets =
            [
                new PortfolioAsset { Symbol = "A", Weight = 0.7 },
                new PortfolioAsset { Symbol = "A", Weight = 0.6, Parameters = new Dictionary<string, object?> { ["fast_period"] = 0 }, StrategyId = "sma_crossover" },
                new PortfolioAsset { Symbol = "C", Weight = 0 },
            ],
            InitialCapital = 1000,
            Rebalance = RebalanceMode.Threshold,
            DriftThreshold = 0,
        };

        var errors = PortfolioBacktester.Validate(request, new Dictionary<string, BarSeries> { ["A"] = TestDataFiles.Goog });

        Assert.Contains(errors, e => e.Field == "assets[1].symbol" && e.Message.Contains("twice"));
        Assert.Contains(errors, e => e.Field == "assets[1].parameters.fast_period");
        Assert.Contains(errors, e => e.Field == "assets[2].weight" && e.Value == "0");
        Assert.Contains(errors, e => e.Field == "assets[2].symbol" && e.Message.Contains("no bars"));
        Assert.Contains(errors, e => e.Field == "assets" && e.Message.Contains("sum to more than 1"));
        Assert.Contains(errors, e => e.Field == "drift_threshold");
        Assert.Throws<ValidationException>(() => PortfolioBacktester.Run(new Dictionary<string, BarSeries>(), request));
    }
}
