using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>direction = long / short / long_short, worked by hand.</summary>
public sealed class BacktestSimulatorDirectionTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Run_ShortWhenPriceFalls_Profits()
    {
        // short 10 units at bar 1's open 100: cash 1000 + 1000 = 2000, units -10
        // equity: 1000, 2000 - 1000 = 1000, 2000 - 900 = 1100, 2000 - 800 = 1200; cover at bar 4's open 80: 1200
        var bars = TestBars.FromCloses(100, 100, 90, 80, 80);
        var result = EngineRun.Signals(bars, [-1, 0, 0, 1, 0], 1000, new Dictionary<string, object?> { ["direction"] = "short" });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(PositionSide.Short, trade.Side);
        Assert.Equal(10, trade.Quantity);
        Assert.Equal(100, trade.EntryPrice);
        Assert.Equal(80, trade.ExitPrice);
        Assert.Equal(200, trade.Pnl, 9);
        Assert.Equal(0.2, trade.PnlPercent, 12);
        Assert.Equal(new double[] { 1000, 1000, 1100, 1200, 1200 }, result.Equity);
    }

    [Fact]
    public void Run_ShortWhenPriceRises_Loses()
    {
        // short 10 at 100, cover at 120: pnl = -10 x 20 = -200
        var bars = TestBars.FromCloses(100, 100, 120, 120);
        var result = EngineRun.Signals(bars, [-1, 0, 1, 0], 1000, new Dictionary<string, object?> { ["direction"] = "short" });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(-200, trade.Pnl, 9);
        Assert.Equal(800, result.Metrics.FinalCapital, 9);
        Assert.Equal(1, result.Metrics.LosingTrades);
    }

    [Fact]
    public void Run_ShortModeBullishSignalWhileFlat_DoesNothing()
    {
        var bars = TestBars.FromCloses(100, 110, 120, 130);
        var result = EngineRun.Signals(bars, [1, 0, 1, 0], 1000, new Dictionary<string, object?> { ["direction"] = "short" });

        Assert.Empty(result.Trades);
        Assert.All(result.Equity, e => Assert.Equal(1000, e));
    }

    [Fact]
    public void Run_LongShortOppositeSignal_ReversesAtTheSameOpenSizedFromEquityAfterTheClose()
    {
        // capital 1000, commission 0.1 (large, so sizing from the wrong equity shows)
        // bar 1 open 100: long floor(1000 / 110) = 9, fee 90, cash 1000 - 900 - 90 = 10
        // bar 3 open 120: close long: fee 0.1 x 9 x 120 = 108, cash 10 + 1080 - 108 = 982
        //   open short from 982: floor(982 / 132) = 7 (the equity before the exit fee, 1090, would give 8)
        //   fee 0.1 x 7 x 120 = 84, cash 982 + 840 - 84 = 1738, units -7
        // bar 5 open 90: cover: fee 63, cash 1738 - 630 - 63 = 1045
        //   open long from 1045: floor(1045 / 99) = 10, fee 90, cash 1045 - 900 - 90 = 55
        // equity: 1000, 10 + 900 = 910, 10 + 1080 = 1090, 1738 - 840 = 898, 1738 - 630 = 1108, 55 + 900 = 955
        // trades: long 9 @100->120 pnl 180 - 90 - 108 = -18; short 7 @120->90 pnl 210 - 84 - 63 = 63;
        //         open long 10 @90 marked at 90: pnl -90 (entry fee); total fees 90+108+84+63+90 = 435
        var bars = TestBars.FromCloses(100, 100, 120, 120, 90, 90);
        var result = EngineRun.Signals(bars, [1, 0, -1, 0, 1, 0], 1000, new Dictionary<string, object?>
        {
            ["direction"] = "long_short",
            ["commission"] = 0.1,
        });

        Assert.Equal(3, result.Trades.Count);
        var (first, second, open) = (result.Trades[0], result.Trades[1], result.Trades[2]);

        Assert.Equal(PositionSide.Long, first.Side);
        Assert.Equal(9, first.Quantity);
        Assert.Equal(3, first.ExitBar);
        AssertNumber.Absolute(-18, first.Pnl, Tolerance, "first pnl");

        Assert.Equal(PositionSide.Short, second.Side);
        Assert.Equal(7, second.Quantity);
        Assert.Equal(3, second.EntryBar);
        Assert.Equal(120, second.EntryPrice);
        Assert.Equal(5, second.ExitBar);
        AssertNumber.Absolute(63, second.Pnl, Tolerance, "second pnl");

        Assert.True(open.IsOpen);
        Assert.Equal(PositionSide.Long, open.Side);
        Assert.Equal(10, open.Quantity);
        Assert.Equal(5, open.EntryBar);
        AssertNumber.Absolute(-90, open.Pnl, Tolerance, "open pnl");

        double[] expected = [1000, 910, 1090, 898, 1108, 955];
        for (int i = 0; i < expected.Length; i++)
            AssertNumber.Absolute(expected[i], result.Equity[i], Tolerance, $"equity at bar {i}");
        AssertNumber.Absolute(435, result.Metrics.TotalFees, Tolerance, "total_fees");
        Assert.Equal(2, result.Metrics.TotalTrades);
        Assert.Equal(1, result.Metrics.OpenTrades);
        Assert.Equal(1, result.Metrics.WinningTrades);
        Assert.Equal(1, result.Metrics.LosingTrades);
    }

    [Fact]
    public void Run_LongShortFirstSignalBearish_OpensShort()
    {
        // short floor(1000 / 50) = 20 at 50; marked at 40: cash 2000 - 20 x 40 = 1200
        var bars = TestBars.FromCloses(50, 50, 40);
        var result = EngineRun.Signals(bars, [-1, 0, 0], 1000, new Dictionary<string, object?> { ["direction"] = "long_short" });

        var trade = Assert.Single(result.Trades);
        Assert.True(trade.IsOpen);
        Assert.Equal(PositionSide.Short, trade.Side);
        Assert.Equal(20, trade.Quantity);
        Assert.Equal(200, trade.Pnl, 9);
        Assert.Equal(1200, result.Metrics.FinalCapital, 9);
    }
}
