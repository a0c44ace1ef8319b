using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>Sizing, commission on both legs, slippage and fractional units, worked by hand.</summary>
public sealed class BacktestSimulatorCostTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    // units = floor(f x 10000 / (97 x 1.01)) = floor(f x 10000 / 97.97)
    // f = 1:   floor(102.07...) = 102 (without the commission term it would be floor(103.09) = 103)
    //          fee = 0.01 x 102 x 97 = 98.94, cash = 10000 - 9894 - 98.94 = 7.06
    // f = 0.5: floor(51.036...) = 51, fee = 0.01 x 51 x 97 = 49.47, cash = 10000 - 4947 - 49.47 = 5003.53
    // f = 0.25: floor(25.518...) = 25, fee = 24.25, cash = 10000 - 2425 - 24.25 = 7550.75
    [InlineData(1.0, 102, 98.94, 7.06)]
    [InlineData(0.5, 51, 49.47, 5003.53)]
    [InlineData(0.25, 25, 24.25, 7550.75)]
    public void Run_WholeUnits_SizesAsFloorOfFractionOfEquityOverPriceWithCommission(double positionSize, double units, double fee, double cash)
    {
        var bars = TestBars.FromCloses(100, 97, 97, 99);
        var result = EngineRun.Signals(bars, [1, 0, 0, 0], 10_000, new Dictionary<string, object?>
        {
            ["position_size"] = positionSize,
            ["commission"] = 0.01,
        });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(units, trade.Quantity);
        Assert.Equal(97, trade.EntryPrice);
        AssertNumber.Absolute(fee, trade.EntryFee, Tolerance, "entry fee");
        AssertNumber.Absolute(fee, result.Metrics.TotalFees, Tolerance, "total_fees");
        // equity at bar 1 = cash + units x 97; at bar 3 = cash + units x 99
        AssertNumber.Absolute(cash + units * 97, result.Equity[1], Tolerance, "equity at bar 1");
        AssertNumber.Absolute(cash + units * 99, result.Equity[3], Tolerance, "equity at bar 3");
    }

    [Fact]
    public void Run_SecondEntry_IsSizedFromCurrentEquity()
    {
        // closes 10, 10, 20, 20, 20, 20; f = 0.5, no commission, capital 1000
        // bar 1 open 10: floor(500 / 10) = 50 units, cash 500
        // bar 3 open 20: sell, cash 500 + 1000 = 1500; the +1 at bar 3 buys at bar 4's open 20:
        //   floor(0.5 x 1500 / 20) = floor(37.5) = 37 units (from the initial 1000 it would be 25), cash 1500 - 740 = 760
        var bars = TestBars.FromCloses(10, 10, 20, 20, 20, 20);
        var result = EngineRun.Signals(bars, [1, 0, -1, 1, 0, 0], 1000, new Dictionary<string, object?> { ["position_size"] = 0.5 });

        Assert.Equal(2, result.Trades.Count);
        Assert.Equal(50, result.Trades[0].Quantity);
        Assert.Equal(500, result.Trades[0].Pnl, 9);
        Assert.Equal(37, result.Trades[1].Quantity);
        Assert.Equal(4, result.Trades[1].EntryBar);
        Assert.Equal(new double[] { 1000, 1000, 1500, 1500, 1500, 1500 }, result.Equity);
    }

    [Fact]
    public void Run_Commission_ChargedOnBothLegsAndNetOfTradePnl()
    {
        // capital 1000, commission 0.001; buy at bar 1's open 50, sell at bar 3's open 60
        // units = floor(1000 / (50 x 1.001)) = floor(19.98) = 19
        // entry fee 0.001 x 19 x 50 = 0.95, cash 1000 - 950 - 0.95 = 49.05
        // exit fee 0.001 x 19 x 60 = 1.14, cash 49.05 + 1140 - 1.14 = 1187.91
        // pnl = 19 x 10 - 0.95 - 1.14 = 187.91; pnl_percent = 187.91 / (19 x 50) = 0.1978
        var bars = TestBars.FromOpensAndCloses([50, 50, 55, 60, 61], [50, 52, 58, 61, 62]);
        var result = EngineRun.Signals(bars, [1, 0, -1, 0, 0], 1000, new Dictionary<string, object?> { ["commission"] = 0.001 });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(19, trade.Quantity);
        AssertNumber.Absolute(0.95, trade.EntryFee, Tolerance, "entry fee");
        AssertNumber.Absolute(1.14, trade.ExitFee, Tolerance, "exit fee");
        AssertNumber.Absolute(2.09, trade.Fees, Tolerance, "fees");
        AssertNumber.Absolute(187.91, trade.Pnl, Tolerance, "pnl");
        AssertNumber.Absolute(0.1978, trade.PnlPercent, Tolerance, "pnl_percent");
        AssertNumber.Absolute(1187.91, result.Metrics.FinalCapital, Tolerance, "final_capital");
        AssertNumber.Absolute(2.09, result.Metrics.TotalFees, Tolerance, "total_fees");
        // equity at bar 1 = 49.05 + 19 x 52 = 1037.05; at bar 2 = 49.05 + 19 x 58 = 1151.05
        AssertNumber.Absolute(1037.05, result.Equity[1], Tolerance, "equity at bar 1");
        AssertNumber.Absolute(1151.05, result.Equity[2], Tolerance, "equity at bar 2");
    }

    [Fact]
    public void Run_SlippageLong_MovesBuysUpAndSellsDown()
    {
        // 100 bps: buy at raw 50 fills at 50 x 1.01 = 50.5, sell at raw 60 fills at 60 x 0.99 = 59.4
        // units = floor(1000 / 50.5) = 19, cash 1000 - 959.5 = 40.5; after the sell 40.5 + 19 x 59.4 = 1169.1
        // pnl = 19 x (59.4 - 50.5) = 169.1
        var bars = TestBars.FromCloses(50, 50, 60, 60);
        var result = EngineRun.Signals(bars, [1, 0, -1, 0], 1000, new Dictionary<string, object?> { ["slippage_bps"] = 100 });

        var trade = Assert.Single(result.Trades);
        AssertNumber.Absolute(50.5, trade.EntryPrice, Tolerance, "entry price");
        AssertNumber.Absolute(59.4, trade.ExitPrice, Tolerance, "exit price");
        Assert.Equal(19, trade.Quantity);
        AssertNumber.Absolute(169.1, trade.Pnl, Tolerance, "pnl");
        AssertNumber.Absolute(1169.1, result.Metrics.FinalCapital, Tolerance, "final_capital");
    }

    [Fact]
    public void Run_SlippageShort_MovesShortSalesDownAndCoversUp()
    {
        // short: sell at raw 60 fills at 59.4, cover at raw 50 fills at 50.5
        // units = floor(1000 / 59.4) = 16 (16.8), cash 1000 + 16 x 59.4 = 1950.4; cover: 1950.4 - 16 x 50.5 = 1142.4
        // pnl = 16 x (59.4 - 50.5) = 142.4
        var bars = TestBars.FromCloses(60, 60, 50, 50);
        var result = EngineRun.Signals(bars, [-1, 0, 1, 0], 1000, new Dictionary<string, object?>
        {
            ["slippage_bps"] = 100,
            ["direction"] = "short",
        });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(PositionSide.Short, trade.Side);
        AssertNumber.Absolute(59.4, trade.EntryPrice, Tolerance, "entry price");
        AssertNumber.Absolute(50.5, trade.ExitPrice, Tolerance, "exit price");
        Assert.Equal(16, trade.Quantity);
        AssertNumber.Absolute(142.4, trade.Pnl, Tolerance, "pnl");
        AssertNumber.Absolute(1142.4, result.Metrics.FinalCapital, Tolerance, "final_capital");
    }

    [Fact]
    public void Run_Fractional_BuysExactFractionalUnits()
    {
        // units = 1000 / (30 x 1.001) = 1000 / 30.03 = 33.300033...; fee = 0.001 x 30 x units; cash = 1000 - 30.03 x units = 0
        // equity at a close of 33 = 33 x 1000 / 30.03 = 1098.901098...
        var bars = TestBars.FromCloses(30, 30, 33);
        var result = EngineRun.Signals(bars, [1, 0, 0], 1000, new Dictionary<string, object?>
        {
            ["fractional"] = true,
            ["commission"] = 0.001,
        });

        var trade = Assert.Single(result.Trades);
        AssertNumber.Relative(1000 / 30.03, trade.Quantity, 1e-12, "units");
        Assert.NotEqual(Math.Floor(trade.Quantity), trade.Quantity);
        AssertNumber.Relative(0.03 * 1000 / 30.03, trade.EntryFee, 1e-12, "entry fee");
        AssertNumber.Relative(33 * 1000 / 30.03, result.Metrics.FinalCapital, 1e-12, "final_capital");
    }

    [Fact]
    public void Run_WholeUnitsTooExpensive_OpensNothing()
    {
        // floor(100 / 150) = 0 units: no position, no fee, no trade
        var bars = TestBars.FromCloses(150, 150, 160);
        var result = EngineRun.Signals(bars, [1, 0, 0], 100);

        Assert.Empty(result.Trades);
        Assert.Equal(0, result.Metrics.TotalFees);
        Assert.All(result.Equity, e => Assert.Equal(100, e));
    }
}
