using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>
/// DESIGN.md section 6: figures produced by backtesting.py, backtrader and vectorbt on the shared files.
/// Each figure is compared to half a unit of its last printed digit.
/// </summary>
public sealed class ReferenceAccuracyTests
{
    private static BacktestResult RunGoog() => EngineRun.Validated(TestDataFiles.Goog, "sma_crossover",
        new Dictionary<string, object?>
        {
            ["fast_period"] = 10,
            ["slow_period"] = 20,
            ["direction"] = "long",
            ["position_size"] = 1,
            ["commission"] = 0.002,
            ["fractional"] = false,
            ["fill"] = "next_open",
        },
        initialCapital: 10_000);

    [Fact]
    public void Run_GoogSma10x20_MatchesReferenceMetrics()
    {
        var m = RunGoog().Metrics;

        AssertNumber.Relative(63341.19136, m.FinalCapital, 1e-9, "final_capital (1e-9 relative)");
        AssertNumber.MatchesPrinted("63341.19136", m.FinalCapital, "final_capital");
        AssertNumber.MatchesPrinted("5.334119136", m.TotalReturn, "total_return");
        AssertNumber.MatchesPrinted("0.2001734114", m.MaxDrawdown, "max_drawdown");
        Assert.Equal(46, m.TotalTrades);
        Assert.Equal(1, m.OpenTrades);
        AssertNumber.MatchesPrinted("0.6086956522", m.WinRate, "win_rate");
        AssertNumber.MatchesPrinted("2.75115771", m.ProfitFactor, "profit_factor");
        AssertNumber.MatchesPrinted("985.70958261", m.Expectancy, "expectancy");
        AssertNumber.MatchesPrinted("1.08115269", m.SharpeRatio, "sharpe_ratio");
        AssertNumber.MatchesPrinted("5908.84864", m.TotalFees, "total_fees");
        Assert.Equal(252, m.PeriodsPerYear);
        Assert.Equal(2148, m.Bars);
    }

    [Fact]
    public void Run_GoogSma10x20_WinRateIs28Of46()
    {
        // 0.6086956522 = 28 / 46 exactly: the win count is an integer fact behind the printed ratio
        var m = RunGoog().Metrics;
        Assert.Equal(28, m.WinningTrades);
        Assert.Equal(18, m.LosingTrades);
    }

    [Fact]
    public void Run_GoogSma10x20_FirstClosedTradeMatchesReference()
    {
        var trade = RunGoog().Trades[0];

        // Sizing at the 2004-12-06 open with equity 10000: floor(10000 / (179.13 x 1.002)) = floor(55.71...) = 55.
        // pnl = 55 x (182.00 - 179.13) - 0.002 x 55 x 179.13 - 0.002 x 55 x 182.00
        //     = 157.85 - 19.7043 - 20.02 = 118.1257
        Assert.Equal(PositionSide.Long, trade.Side);
        Assert.Equal(55, trade.Quantity);
        Assert.Equal(new DateTime(2004, 12, 6, 0, 0, 0, DateTimeKind.Utc), trade.EntryTime);
        Assert.Equal(179.13, trade.EntryPrice);
        Assert.Equal(new DateTime(2004, 12, 20, 0, 0, 0, DateTimeKind.Utc), trade.ExitTime);
        Assert.Equal(182.00, trade.ExitPrice);
        AssertNumber.MatchesPrinted("118.1257", trade.Pnl, "first trade pnl");
        Assert.Equal(ExitReason.Signal, trade.ExitReason);
    }

    [Fact]
    public void Run_GoogSma10x20_LastTradeIsTheOpenOneMarkedAtLastClose()
    {
        var result = RunGoog();
        var bars = TestDataFiles.Goog;

        Assert.Equal(47, result.Trades.Count);
        Assert.All(result.Trades.Take(46), t => Assert.False(t.IsOpen));
        var open = result.Trades[^1];
        Assert.True(open.IsOpen);
        Assert.Null(open.ExitBar);
        Assert.Equal(bars.Close[^1], open.ExitPrice);
    }

    [Fact]
    public void Run_Gbm10000Sma10x30_MatchesReferenceMetrics()
    {
        var result = EngineRun.Validated(TestDataFiles.Gbm10000, "sma_crossover",
            new Dictionary<string, object?>
            {
                ["fast_period"] = 10,
                ["slow_period"] = 30,
                ["direction"] = "long",
                ["position_size"] = 1,
                ["commission"] = 0.0001,
            },
            initialCapital: 100_000);

        AssertNumber.MatchesPrinted("93964.1378", result.Metrics.FinalCapital, "final_capital");
        Assert.Equal(192, result.Metrics.TotalTrades);
        Assert.Equal(10_000, result.Equity.Length);
    }
}
