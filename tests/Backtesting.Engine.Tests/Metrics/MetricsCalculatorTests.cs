using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Metrics;

/// <summary>
/// Metrics on a hand-made equity curve. Initial 100, equity 110, 99, 118.8, 112.86:
/// r = +0.10, -0.10, +0.20, -0.05; mean = 0.15 / 4 = 0.0375;
/// deviations 0.0625, -0.1375, 0.1625, -0.0875, squares sum 0.056875, variance (ddof 1) 0.056875 / 3;
/// downside: squares of min(r, 0) = 0.01 + 0.0025 = 0.0125, mean over 4 bars = 0.003125;
/// drawdowns: 110 -> 99 is 10 %, 118.8 -> 112.86 is 5 %.
/// </summary>
public sealed class MetricsCalculatorTests
{
    private static readonly double[] Curve = [110, 99, 118.8, 112.86];

    private static PerformanceMetrics Compute(double[] equity, IReadOnlyList<Trade>? trades = null, double periodsPerYear = 252,
        double riskFreeRate = 0, int barsInMarket = 0, double firstClose = 1, double lastClose = 1, Trade? open = null) =>
        MetricsCalculator.Compute(new MetricsCalculator.Inputs(100, equity, trades ?? [], open, 0, barsInMarket,
            firstClose, lastClose, periodsPerYear, riskFreeRate));

    internal static Trade ClosedTrade(double pnl) => new()
    {
        Side = PositionSide.Long,
        Quantity = 1,
        EntryBar = 0,
        EntryTime = TestBars.Start,
        EntryPrice = 100,
        EntryFee = 0,
        ExitBar = 1,
        ExitTime = TestBars.Start.AddDays(1),
        ExitPrice = 100 + pnl,
        Pnl = pnl,
        ExitReason = ExitReason.Signal,
    };

    [Fact]
    public void Compute_HandCurve_ReturnsAndDrawdown()
    {
        var m = Compute(Curve);
        Assert.Equal(112.86, m.FinalCapital);
        AssertNumber.Absolute(0.1286, m.TotalReturn, 1e-12, "total_return");
        AssertNumber.Absolute(0.1, m.MaxDrawdown, 1e-12, "max_drawdown");
        Assert.Equal(4, m.Bars);
    }

    [Fact]
    public void Compute_HandCurve_SharpeUsesSampleStdAndSqrtA()
    {
        var m = Compute(Curve);
        // 0.0375 / sqrt(0.056875 / 3) x sqrt(252) = 4.32346015...
        double expected = 0.0375 / Math.Sqrt(0.056875 / 3) * Math.Sqrt(252);
        AssertNumber.Relative(expected, m.SharpeRatio, 1e-12, "sharpe_ratio");
        AssertNumber.Absolute(4.32346015, m.SharpeRatio, 5e-9, "sharpe_ratio printed");
    }

    [Fact]
    public void Compute_HandCurve_SortinoUsesMeanSquaredDownsideOverAllBars()
    {
        var m = Compute(Curve);
        // 0.0375 / sqrt(0.0125 / 4) x sqrt(252) = 10.64894361
        AssertNumber.Relative(0.0375 / Math.Sqrt(0.003125) * Math.Sqrt(252), m.SortinoRatio, 1e-12, "sortino_ratio");
        AssertNumber.Absolute(10.64894361, m.SortinoRatio, 5e-8, "sortino_ratio printed");
    }

    [Fact]
    public void Compute_HandCurve_AnnualReturnAndCalmar()
    {
        // A = 12, N = 4: (112.86 / 100)^(12 / 4) - 1 = 1.1286^3 - 1 = 0.437540661656; calmar = 0.4375... / 0.1
        var m = Compute(Curve, periodsPerYear: 12);
        AssertNumber.Absolute(0.437540661656, m.AnnualReturn, 1e-12, "annual_return");
        AssertNumber.Absolute(4.37540661656, m.CalmarRatio, 1e-11, "calmar_ratio");
        Assert.Equal(12, m.PeriodsPerYear);
    }

    [Fact]
    public void Compute_RiskFreeRate_SubtractedPerPeriodFromTheMean()
    {
        // 2.52 % a year over A = 252 is 0.0001 per bar: mean 0.0374, std unchanged
        var m = Compute(Curve, riskFreeRate: 0.0252);
        AssertNumber.Relative(0.0374 / Math.Sqrt(0.056875 / 3) * Math.Sqrt(252), m.SharpeRatio, 1e-10, "sharpe_ratio");
    }

    [Fact]
    public void Compute_TradeList_CountsWinnersLosersAndRatios()
    {
        // pnl 50, -20, 0, 30, -10: winners 50 + 30 = 80, losers -20 - 10 = -30, the zero trade is neither
        var trades = new[] { 50.0, -20, 0, 30, -10 }.Select(ClosedTrade).ToArray();
        var m = Compute(Curve, trades);

        Assert.Equal(5, m.TotalTrades);
        Assert.Equal(2, m.WinningTrades);
        Assert.Equal(2, m.LosingTrades);
        AssertNumber.Absolute(0.4, m.WinRate, 1e-15, "win_rate");
        AssertNumber.Absolute(40, m.AvgWin, 1e-12, "avg_win");
        AssertNumber.Absolute(-15, m.AvgLoss, 1e-12, "avg_loss");
        AssertNumber.Absolute(80.0 / 30.0, m.ProfitFactor, 1e-12, "profit_factor");
        AssertNumber.Absolute(10, m.Expectancy, 1e-12, "expectancy");
    }

    [Fact]
    public void Compute_NoLosers_ProfitFactorAndAvgLossNull()
    {
        var m = Compute(Curve, [ClosedTrade(10), ClosedTrade(20)]);
        Assert.Null(m.ProfitFactor);
        Assert.Null(m.AvgLoss);
        Assert.Equal(1.0, m.WinRate);
        Assert.Equal(15, m.Expectancy!.Value, 12);
    }

    [Fact]
    public void Compute_NoTrades_TradeRatiosNull()
    {
        var m = Compute(Curve);
        Assert.Equal(0, m.TotalTrades);
        Assert.Null(m.WinRate);
        Assert.Null(m.Expectancy);
        Assert.Null(m.AvgWin);
        Assert.Null(m.ProfitFactor);
    }

    [Fact]
    public void Compute_OpenTrade_NotCountedAmongClosedTrades()
    {
        var open = ClosedTrade(-50) with { ExitBar = null, ExitTime = null, ExitReason = ExitReason.Open };
        var m = Compute(Curve, [ClosedTrade(10)], open: open);
        Assert.Equal(1, m.TotalTrades);
        Assert.Equal(1, m.OpenTrades);
        Assert.Equal(0, m.LosingTrades);
        Assert.Equal(10, m.Expectancy);
    }

    [Fact]
    public void Compute_ExposureAndBuyAndHold_FromBarsInMarketAndCloses()
    {
        // 3 of 4 bars in the market; closes 50 -> 65 is +30 %
        var m = Compute(Curve, barsInMarket: 3, firstClose: 50, lastClose: 65);
        Assert.Equal(0.75, m.Exposure);
        AssertNumber.Absolute(0.3, m.BuyAndHoldReturn, 1e-15, "buy_and_hold_return");
    }

    [Fact]
    public void Compute_FirstBarBelowInitial_DrawdownMeasuredFromInitialCapital()
    {
        // initial 100 is the peak before bar 0: 80 is a 20 % drawdown even though no bar was higher
        var m = Compute([80, 90, 85]);
        AssertNumber.Absolute(0.2, m.MaxDrawdown, 1e-15, "max_drawdown");
        // never regained: from the peak at bar -1 to the last bar 2 is 3 bars
        Assert.Equal(3, m.MaxDrawdownDuration);
        // the first return is 80 / 100 - 1 = -0.2, so sortino is defined and negative
        Assert.True(m.SortinoRatio < 0);
    }

    [Fact]
    public void Run_PeriodsPerYearOverride_ScalesSharpeBySqrtOfA()
    {
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20 });
        var daily = BacktestEngine.Run(bars, config, 10_000).Metrics;
        var custom = BacktestEngine.Run(bars, config, 10_000, new BacktestOptions(PeriodsPerYear: 365)).Metrics;

        Assert.Equal(252, daily.PeriodsPerYear);
        Assert.Equal(365, custom.PeriodsPerYear);
        AssertNumber.Relative(daily.SharpeRatio!.Value * Math.Sqrt(365.0 / 252.0), custom.SharpeRatio, 1e-12, "sharpe(365)");
        Assert.Equal(daily.FinalCapital, custom.FinalCapital);
    }
}
