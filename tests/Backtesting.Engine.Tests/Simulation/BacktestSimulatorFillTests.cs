using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>Where market orders fill: next open by default, the deciding close with fill = close.</summary>
public sealed class BacktestSimulatorFillTests
{
    // bar:    0   1   2   3   4
    // open:  10  11  13  15  17
    // close: 10  12  14  16  18
    // signal: 0  +1   0  -1   0
    private static readonly double[] Opens = [10, 11, 13, 15, 17];
    private static readonly double[] Closes = [10, 12, 14, 16, 18];
    private static readonly sbyte[] BuyAt1SellAt3 = [0, 1, 0, -1, 0];

    [Fact]
    public void Run_NextOpenFill_FillsAtTheFollowingBarsOpen()
    {
        var bars = TestBars.FromOpensAndCloses(Opens, Closes);
        var result = EngineRun.Signals(bars, BuyAt1SellAt3, 1000);

        // buy decided at bar 1 fills at bar 2's open 13: floor(1000 / 13) = 76 units, cash 1000 - 988 = 12
        // sell decided at bar 3 fills at bar 4's open 17: cash 12 + 76 x 17 = 1304
        // equity: 1000, 1000, 12 + 76x14 = 1076, 12 + 76x16 = 1228, 1304
        var trade = Assert.Single(result.Trades);
        Assert.Equal(2, trade.EntryBar);
        Assert.Equal(13, trade.EntryPrice);
        Assert.Equal(4, trade.ExitBar);
        Assert.Equal(17, trade.ExitPrice);
        Assert.Equal(76, trade.Quantity);
        Assert.Equal(304, trade.Pnl, 9);
        Assert.Equal(304.0 / 988.0, trade.PnlPercent, 12);
        Assert.Equal(new double[] { 1000, 1000, 1076, 1228, 1304 }, result.Equity);
        // a position is held at the closes of bars 2 and 3
        Assert.Equal(0.4, result.Metrics.Exposure, 12);
    }

    [Fact]
    public void Run_CloseFill_FillsAtTheDecidingBarsClose()
    {
        var bars = TestBars.FromOpensAndCloses(Opens, Closes);
        var result = EngineRun.Signals(bars, BuyAt1SellAt3, 1000, new Dictionary<string, object?> { ["fill"] = "close" });

        // buy at bar 1's close 12: floor(1000 / 12) = 83 units, cash 1000 - 996 = 4
        // sell at bar 3's close 16: cash 4 + 83 x 16 = 1332
        // equity: 1000, 4 + 83x12 = 1000, 4 + 83x14 = 1166, 1332, 1332
        var trade = Assert.Single(result.Trades);
        Assert.Equal(1, trade.EntryBar);
        Assert.Equal(12, trade.EntryPrice);
        Assert.Equal(3, trade.ExitBar);
        Assert.Equal(16, trade.ExitPrice);
        Assert.Equal(83, trade.Quantity);
        Assert.Equal(332, trade.Pnl, 9);
        Assert.Equal(new double[] { 1000, 1000, 1166, 1332, 1332 }, result.Equity);
    }

    [Fact]
    public void Run_BuyDecidedOnLastBar_NeverFills()
    {
        var bars = TestBars.FromCloses(10, 11, 12, 13);
        var result = EngineRun.Signals(bars, [0, 0, 0, 1], 1000);

        Assert.Empty(result.Trades);
        Assert.Equal(0, result.Metrics.OpenTrades);
        Assert.Equal(0, result.Metrics.TotalFees);
        Assert.All(result.Equity, e => Assert.Equal(1000, e));
        Assert.Equal(0, result.Metrics.Exposure);
    }

    [Fact]
    public void Run_SellDecidedOnLastBar_NeverFillsAndPositionStaysOpen()
    {
        var bars = TestBars.FromCloses(10, 11, 12, 13);
        var result = EngineRun.Signals(bars, [1, 0, 0, -1], 1000);

        // buy at bar 1's open 11: floor(1000 / 11) = 90 units, cash 10; the sell decided at bar 3 has no bar 4 to fill at
        var trade = Assert.Single(result.Trades);
        Assert.True(trade.IsOpen);
        Assert.Equal(90, trade.Quantity);
        Assert.Equal(0, result.Metrics.TotalTrades);
        Assert.Equal(1, result.Metrics.OpenTrades);
        Assert.Equal(10 + 90 * 13, result.Equity[^1]);
    }

    [Fact]
    public void Run_CloseFillDecidedOnLastBar_FillsAtThatClose()
    {
        var bars = TestBars.FromCloses(10, 11, 12, 13);
        var result = EngineRun.Signals(bars, [0, 0, 0, 1], 1000, new Dictionary<string, object?> { ["fill"] = "close" });

        // fill = close has a price on the last bar: floor(1000 / 13) = 76 units at 13
        var trade = Assert.Single(result.Trades);
        Assert.True(trade.IsOpen);
        Assert.Equal(3, trade.EntryBar);
        Assert.Equal(76, trade.Quantity);
        Assert.Equal(1000, result.Equity[^1]);
    }

    [Fact]
    public void Run_RepeatedBullishSignalsWhileLong_DoNotAddToThePosition()
    {
        var bars = TestBars.FromCloses(10, 10, 20, 20, 20);
        var result = EngineRun.Signals(bars, [1, 1, 1, 0, 0], 1000);

        // one entry at bar 1's open 10 with 100 units; the later +1 signals change nothing
        var trade = Assert.Single(result.Trades);
        Assert.Equal(100, trade.Quantity);
        Assert.Equal(2000, result.Metrics.FinalCapital);
        Assert.Equal(0, result.Metrics.TotalFees);
    }

    [Fact]
    public void Run_BearishSignalWhileFlatInLongMode_DoesNothing()
    {
        var bars = TestBars.FromCloses(10, 9, 8, 7);
        var result = EngineRun.Signals(bars, [-1, -1, 0, 0], 1000);

        Assert.Empty(result.Trades);
        Assert.All(result.Equity, e => Assert.Equal(1000, e));
    }
}
