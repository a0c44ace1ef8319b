using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>A position still open at the end: reported open, or closed at the last close with close_at_end.</summary>
public sealed class BacktestSimulatorEndOfDataTests
{
    private const double Tolerance = 1e-9;

    // closes 10, 10, 12, 15; buy at bar 1's open 10 with commission 0.01 and capital 1000:
    // units floor(1000 / 10.1) = 99, entry fee 0.01 x 99 x 10 = 9.9, cash 1000 - 990 - 9.9 = 0.1
    private static readonly double[] Closes = [10, 10, 12, 15];
    private static readonly sbyte[] BuyAtFirstBar = [1, 0, 0, 0];

    [Fact]
    public void Run_PositionOpenAtEnd_IsMarkedAtLastCloseAndReportedOpen()
    {
        var result = EngineRun.Signals(TestBars.FromCloses(Closes), BuyAtFirstBar, 1000,
            new Dictionary<string, object?> { ["commission"] = 0.01 });

        // final equity 0.1 + 99 x 15 = 1485.1; open pnl = 99 x 5 - 9.9 = 485.1
        var trade = Assert.Single(result.Trades);
        Assert.True(trade.IsOpen);
        Assert.Equal(ExitReason.Open, trade.ExitReason);
        Assert.Null(trade.ExitBar);
        Assert.Equal(15, trade.ExitPrice);
        AssertNumber.Absolute(485.1, trade.Pnl, Tolerance, "open pnl");
        var m = result.Metrics;
        AssertNumber.Absolute(1485.1, m.FinalCapital, Tolerance, "final_capital");
        Assert.Equal(0, m.TotalTrades);
        Assert.Equal(1, m.OpenTrades);
        AssertNumber.Absolute(9.9, m.TotalFees, Tolerance, "total_fees includes the open entry");
        Assert.Null(m.WinRate);
        Assert.Null(m.Expectancy);
        // position held at the closes of bars 1, 2, 3
        Assert.Equal(0.75, m.Exposure, 12);
    }

    [Fact]
    public void Run_CloseAtEnd_ClosesAtLastCloseWithCommission()
    {
        var result = EngineRun.Signals(TestBars.FromCloses(Closes), BuyAtFirstBar, 1000,
            new Dictionary<string, object?> { ["commission"] = 0.01, ["close_at_end"] = true });

        // exit fee 0.01 x 99 x 15 = 14.85; cash 0.1 + 1485 - 14.85 = 1470.25; pnl = 495 - 9.9 - 14.85 = 470.25
        var trade = Assert.Single(result.Trades);
        Assert.False(trade.IsOpen);
        Assert.Equal(ExitReason.EndOfData, trade.ExitReason);
        Assert.Equal(3, trade.ExitBar);
        Assert.Equal(15, trade.ExitPrice);
        AssertNumber.Absolute(14.85, trade.ExitFee, Tolerance, "exit fee");
        AssertNumber.Absolute(470.25, trade.Pnl, Tolerance, "pnl");
        var m = result.Metrics;
        AssertNumber.Absolute(1470.25, m.FinalCapital, Tolerance, "final_capital");
        AssertNumber.Absolute(1470.25, result.Equity[^1], Tolerance, "last equity point");
        Assert.Equal(1, m.TotalTrades);
        Assert.Equal(0, m.OpenTrades);
        Assert.Equal(1, m.WinningTrades);
        AssertNumber.Absolute(24.75, m.TotalFees, Tolerance, "total_fees");
        AssertNumber.Absolute(470.25, m.Expectancy, Tolerance, "expectancy");
    }

    [Fact]
    public void Run_FlatAtEnd_ReportsNoOpenTrade()
    {
        var result = EngineRun.Signals(TestBars.FromCloses(10, 10, 12, 12), [1, 0, -1, 0], 1000,
            new Dictionary<string, object?> { ["close_at_end"] = true });

        // bought 100 at 10, sold 100 at bar 3's open 12: one closed signal trade, nothing left for close_at_end
        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.Signal, trade.ExitReason);
        Assert.Equal(0, result.Metrics.OpenTrades);
        Assert.Equal(1200, result.Metrics.FinalCapital, 9);
    }

    [Fact]
    public void Run_NoSignals_MetricsOfAFlatCurveAndBuyAndHoldOfThePrices()
    {
        // no trades: equity stays 1000; buy_and_hold_return = 15 / 10 - 1 = 0.5
        var result = EngineRun.Signals(TestBars.FromCloses(Closes), [0, 0, 0, 0], 1000);

        var m = result.Metrics;
        Assert.Equal(1000, m.FinalCapital);
        Assert.Equal(0, m.TotalReturn);
        Assert.Equal(0, m.MaxDrawdown);
        Assert.Equal(0, m.Exposure);
        Assert.Equal(0.5, m.BuyAndHoldReturn, 12);
        Assert.Null(m.ProfitFactor);
        Assert.Null(m.SharpeRatio);
    }
}
