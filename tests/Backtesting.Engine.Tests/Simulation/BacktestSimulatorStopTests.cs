using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>
/// stop_loss_pct / take_profit_pct. Every case: capital 1000, no commission, a +1 signal at bar 0, so 10 units
/// are bought at bar 1's open 100 (cash 0). Stop loss 10 % -> level 90; take profit 20 % -> level 120.
/// </summary>
public sealed class BacktestSimulatorStopTests
{
    private static readonly (double, double, double, double) Flat100 = (100, 100, 100, 100);

    private static BacktestResult RunLong(params (double Open, double High, double Low, double Close)[] barsAfterEntry)
    {
        var bars = TestBars.Ohlc([Flat100, Flat100, .. barsAfterEntry]);
        var signals = new sbyte[bars.Count];
        signals[0] = 1;
        return EngineRun.Signals(bars, signals, 1000, new Dictionary<string, object?>
        {
            ["stop_loss_pct"] = 0.1,
            ["take_profit_pct"] = 0.2,
        });
    }

    [Fact]
    public void Run_StopLossHitIntrabar_FillsAtTheLevel()
    {
        // bar 2 trades down to 85 through the 90 stop: exit at 90, pnl = 10 x (90 - 100) = -100, cash 900
        var result = RunLong((98, 99, 85, 95), (95, 96, 94, 95));

        var trade = result.Trades[0];
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal(2, trade.ExitBar);
        Assert.Equal(90, trade.ExitPrice!.Value, 9);
        Assert.Equal(-100, trade.Pnl, 9);
        Assert.Equal(900, result.Equity[2], 9);
        Assert.Equal(900, result.Equity[3], 9);
        Assert.Single(result.Trades);
    }

    [Fact]
    public void Run_GapThroughStopLoss_FillsAtTheOpen()
    {
        // bar 2 opens at 85, below the 90 stop: exit at the open 85, pnl -150
        var result = RunLong((85, 88, 80, 86));

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal(85, trade.ExitPrice);
        Assert.Equal(-150, trade.Pnl, 9);
        Assert.Equal(850, result.Metrics.FinalCapital, 9);
    }

    [Fact]
    public void Run_TakeProfitHitIntrabar_FillsAtTheLevel()
    {
        // bar 2 trades up to 125 through the 120 target: exit at 120, pnl +200
        var result = RunLong((105, 125, 104, 110));

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.TakeProfit, trade.ExitReason);
        Assert.Equal(120, trade.ExitPrice!.Value, 9);
        Assert.Equal(200, trade.Pnl, 9);
        Assert.Equal(1200, result.Metrics.FinalCapital, 9);
    }

    [Fact]
    public void Run_GapThroughTakeProfit_FillsAtTheOpen()
    {
        // bar 2 opens at 130, above the 120 target: exit at 130, pnl +300
        var result = RunLong((130, 131, 125, 126));

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.TakeProfit, trade.ExitReason);
        Assert.Equal(130, trade.ExitPrice);
        Assert.Equal(300, trade.Pnl, 9);
    }

    [Fact]
    public void Run_BothLevelsInsideOneBar_StopLossWins()
    {
        // bar 2 spans 85..125, containing both 90 and 120: the stop is assumed first, exit at 90
        var result = RunLong((100, 125, 85, 100));

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal(90, trade.ExitPrice!.Value, 9);
        Assert.Equal(900, result.Metrics.FinalCapital, 9);
    }

    [Fact]
    public void Run_LevelsTouchedOnTheEntryBar_AreNotCheckedUntilTheNextBar()
    {
        // the entry bar 1 itself trades 80..125 (both levels), but stops are checked from bar 2 on;
        // bar 2 stays within 94..96, so the position is still open at the end, marked at 95
        var bars = TestBars.Ohlc(Flat100, (100, 125, 80, 95), (95, 96, 94, 95));
        var result = EngineRun.Signals(bars, [1, 0, 0], 1000, new Dictionary<string, object?>
        {
            ["stop_loss_pct"] = 0.1,
            ["take_profit_pct"] = 0.2,
        });

        var trade = Assert.Single(result.Trades);
        Assert.True(trade.IsOpen);
        Assert.Equal(950, result.Equity[1], 9);
        Assert.Equal(950, result.Metrics.FinalCapital, 9);
    }

    [Fact]
    public void Run_ShortStopLoss_FillsAtLevelAbove()
    {
        // short 10 at 100; stop 10 % above = 110; bar 2 trades up to 112: cover at 110, pnl -100
        var bars = TestBars.Ohlc(Flat100, Flat100, (102, 112, 101, 105));
        var result = EngineRun.Signals(bars, [-1, 0, 0], 1000, new Dictionary<string, object?>
        {
            ["direction"] = "short",
            ["stop_loss_pct"] = 0.1,
            ["take_profit_pct"] = 0.2,
        });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal(110, trade.ExitPrice!.Value, 9);
        Assert.Equal(-100, trade.Pnl, 9);
    }

    [Fact]
    public void Run_ShortTakeProfit_FillsAtLevelBelow()
    {
        // short 10 at 100; take profit 20 % below = 80; bar 2 trades down to 78: cover at 80, pnl +200
        var bars = TestBars.Ohlc(Flat100, Flat100, (95, 96, 78, 85));
        var result = EngineRun.Signals(bars, [-1, 0, 0], 1000, new Dictionary<string, object?>
        {
            ["direction"] = "short",
            ["stop_loss_pct"] = 0.1,
            ["take_profit_pct"] = 0.2,
        });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(ExitReason.TakeProfit, trade.ExitReason);
        Assert.Equal(80, trade.ExitPrice!.Value, 9);
        Assert.Equal(200, trade.Pnl, 9);
    }

    [Fact]
    public void Run_StopLossWithCommission_ChargesTheExitFeeAtTheStopPrice()
    {
        // commission 0.01: units floor(1000 / 101) = 9, entry fee 9, cash 1000 - 900 - 9 = 91
        // stop at 90: exit fee 0.01 x 9 x 90 = 8.1, cash 91 + 810 - 8.1 = 892.9; pnl = -90 - 9 - 8.1 = -107.1
        var bars = TestBars.Ohlc(Flat100, Flat100, (98, 99, 85, 95));
        var result = EngineRun.Signals(bars, [1, 0, 0], 1000, new Dictionary<string, object?>
        {
            ["stop_loss_pct"] = 0.1,
            ["commission"] = 0.01,
        });

        var trade = Assert.Single(result.Trades);
        Assert.Equal(9, trade.Quantity);
        AssertNumber.Absolute(8.1, trade.ExitFee, 1e-9, "exit fee");
        AssertNumber.Absolute(-107.1, trade.Pnl, 1e-9, "pnl");
        AssertNumber.Absolute(892.9, result.Metrics.FinalCapital, 1e-9, "final_capital");
    }
}
