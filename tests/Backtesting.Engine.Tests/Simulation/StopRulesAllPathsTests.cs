using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Reference;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>
/// Every branch of the stop loss / take profit rule, long and short, on every simulation path
/// (<see cref="SimulationPaths"/>). Four daily bars, capital 1000, no commission, stop loss 10 %, take profit 20 %.
/// The signal comes from donchian_breakout with entry_period = exit_period = 1: +1 when a close is above the
/// previous bar's high, -1 when it is below the previous bar's low.
/// <list type="bullet">
/// <item>Long: bar 1 closes at 101 above bar 0's high 100 (+1), so bar 2's open 100 buys floor(1000 / 100) = 10
/// units, cash 0. Levels: stop 100 x 0.9 = 90, target 100 x 1.2 = 120.</item>
/// <item>Short: bar 1 closes at 99 below bar 0's low 100 (-1), so bar 2's open 100 sells 10 units short, cash 2000,
/// equity 2000 - 10 x close. Levels: stop 100 x 1.1 = 110, target 100 x 0.8 = 80.</item>
/// </list>
/// Bar 2 (the entry bar) stays at 100 unless a test says otherwise, so nothing else signals before bar 3, the bar
/// under test and the last bar (a signal there never fills).
/// </summary>
public sealed class StopRulesAllPathsTests
{
    private const double Capital = 1000;
    private const double Tolerance = 1e-12;
    private static readonly BacktestOptions Daily = new(PeriodsPerYear: 252);
    private static readonly (double, double, double, double) Flat100 = (100, 100, 100, 100);

    public static TheoryData<string> Paths() => SimulationPaths.Names();

    // ---- long ----

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_OpenGapsThroughTheStop_FillsAtTheOpen(string path)
    {
        // opens at 85, below the stop 90: sold at 85, not 90; pnl 10 x (85 - 100) = -150, final 850
        var outcome = RunLong(path, (85, 88, 80, 86));
        PathAssert.Matches(LongClosed(exit: 85, pnl: -150, final: 850, ExitReason.StopLoss), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_OpenGapsThroughTheTarget_FillsAtTheOpen(string path)
    {
        // opens at 130, above the target 120: sold at 130, not 120; pnl 10 x 30 = 300, final 1300
        var outcome = RunLong(path, (130, 131, 125, 126));
        PathAssert.Matches(LongClosed(exit: 130, pnl: 300, final: 1300, ExitReason.TakeProfit), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_StopInsideTheBar_FillsAtTheLevel(string path)
    {
        // opens at 98 (above 90), trades down to 85: sold at the level 90; pnl -100, final 900
        var outcome = RunLong(path, (98, 99, 85, 95));
        PathAssert.Matches(LongClosed(exit: 90, pnl: -100, final: 900, ExitReason.StopLoss), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_TargetInsideTheBar_FillsAtTheLevel(string path)
    {
        // opens at 105 (below 120), trades up to 125: sold at the level 120; pnl +200, final 1200
        var outcome = RunLong(path, (105, 125, 104, 110));
        PathAssert.Matches(LongClosed(exit: 120, pnl: 200, final: 1200, ExitReason.TakeProfit), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_BothLevelsInsideOneBar_StopFirst(string path)
    {
        // the bar spans 85..125, containing 90 and 120: the stop is assumed first; sold at 90, final 900
        var outcome = RunLong(path, (100, 125, 85, 100));
        PathAssert.Matches(LongClosed(exit: 90, pnl: -100, final: 900, ExitReason.StopLoss), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_NeitherLevelReached_StaysOpen(string path)
    {
        // 95..110 stays between 90 and 120: still open at the end, marked at 105: equity 10 x 105 = 1050, pnl 50
        var outcome = RunLong(path, (101, 110, 95, 105));
        var open = new ReferenceTrade(PositionSide.Long, 10, 2, 100, 0, null, 105, 0, 50, ExitReason.Open);
        PathAssert.Matches(new ReferenceRun(Capital, 252, [1000, 1000, 1000, 1050], [open], BarsInMarket: 2), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_LevelsOnTheEntryBar_AreCheckedFromTheNextBar(string path)
    {
        // the entry bar 2 trades 80..125 (through both levels) and is ignored; bar 3 reaches 121 and exits at
        // the target 120 (had bar 2 counted, the stop would have sold at 90 there): pnl +200, final 1200
        var outcome = RunLong(path, (100, 121, 95, 110), entryBar: (100, 125, 80, 100));
        PathAssert.Matches(LongClosed(exit: 120, pnl: 200, final: 1200, ExitReason.TakeProfit), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_StopInsideTheBarWithSlippage_SlipsTheExitFill(string path)
    {
        // slippage 100 bps: bought at 100 x 1.01 = 101, floor(1000 / 101) = 9 units, cash 1000 - 909 = 91,
        // equity at bar 2 = 91 + 900 = 991. Levels from the fill: stop 101 x 0.9 = 90.9. Bar 3 reaches 85:
        // the stop fills at 90.9, slipped down to 90.9 x 0.99 = 89.991; pnl 9 x (89.991 - 101) = -99.081,
        // final 91 + 9 x 89.991 = 900.919
        var outcome = RunLong(path, (98, 99, 85, 95), slippageBps: 100);
        var trade = new ReferenceTrade(PositionSide.Long, 9, 2, 101, 0, 3, 89.991, 0, -99.081, ExitReason.StopLoss);
        PathAssert.Matches(new ReferenceRun(Capital, 252, [1000, 1000, 991, 900.919], [trade], BarsInMarket: 1), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Long_GapThroughTheStopWithSlippage_SlipsTheOpenFill(string path)
    {
        // as above (9 units at 101, cash 91, stop 90.9); bar 3 opens at 85: filled at 85 x 0.99 = 84.15;
        // pnl 9 x (84.15 - 101) = -151.65, final 91 + 757.35 = 848.35
        var outcome = RunLong(path, (85, 88, 80, 86), slippageBps: 100);
        var trade = new ReferenceTrade(PositionSide.Long, 9, 2, 101, 0, 3, 84.15, 0, -151.65, ExitReason.StopLoss);
        PathAssert.Matches(new ReferenceRun(Capital, 252, [1000, 1000, 991, 848.35], [trade], BarsInMarket: 1), outcome, path, Tolerance);
    }

    // ---- short: the adverse side is the high ----

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_OpenGapsUpThroughTheStop_FillsAtTheOpen(string path)
    {
        // opens at 115, above the stop 110: covered at 115, not 110; pnl 10 x (100 - 115) = -150, final 2000 - 1150 = 850
        var outcome = RunShort(path, (115, 118, 112, 116));
        PathAssert.Matches(ShortClosed(exit: 115, pnl: -150, final: 850, ExitReason.StopLoss), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_OpenGapsDownThroughTheTarget_FillsAtTheOpen(string path)
    {
        // opens at 75, below the target 80: covered at 75, not 80; pnl 10 x 25 = 250, final 2000 - 750 = 1250
        var outcome = RunShort(path, (75, 78, 70, 72));
        PathAssert.Matches(ShortClosed(exit: 75, pnl: 250, final: 1250, ExitReason.TakeProfit), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_StopInsideTheBar_FillsAtTheLevel(string path)
    {
        // opens at 102 (below 110), trades up to 112: covered at 110; pnl -100, final 900
        var outcome = RunShort(path, (102, 112, 101, 105));
        PathAssert.Matches(ShortClosed(exit: 110, pnl: -100, final: 900, ExitReason.StopLoss), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_TargetInsideTheBar_FillsAtTheLevel(string path)
    {
        // opens at 95 (above 80), trades down to 78: covered at 80; pnl +200, final 1200
        var outcome = RunShort(path, (95, 96, 78, 85));
        PathAssert.Matches(ShortClosed(exit: 80, pnl: 200, final: 1200, ExitReason.TakeProfit), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_BothLevelsInsideOneBar_StopFirst(string path)
    {
        // the bar spans 75..115, containing 80 and 110: the stop is assumed first; covered at 110, final 900
        var outcome = RunShort(path, (100, 115, 75, 100));
        PathAssert.Matches(ShortClosed(exit: 110, pnl: -100, final: 900, ExitReason.StopLoss), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_NeitherLevelReached_StaysOpen(string path)
    {
        // 85..105 stays between 80 and 110: still open, marked at 95: equity 2000 - 950 = 1050, pnl 10 x 5 = 50
        var outcome = RunShort(path, (99, 105, 85, 95));
        var open = new ReferenceTrade(PositionSide.Short, 10, 2, 100, 0, null, 95, 0, 50, ExitReason.Open);
        PathAssert.Matches(new ReferenceRun(Capital, 252, [1000, 1000, 1000, 1050], [open], BarsInMarket: 2), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_LevelsOnTheEntryBar_AreCheckedFromTheNextBar(string path)
    {
        // the entry bar 2 trades 75..120 (through both levels) and is ignored; bar 3 reaches 79 and exits at
        // the target 80 (had bar 2 counted, the stop would have covered at 110): pnl +200, final 1200
        var outcome = RunShort(path, (100, 105, 79, 90), entryBar: (100, 120, 75, 100));
        PathAssert.Matches(ShortClosed(exit: 80, pnl: 200, final: 1200, ExitReason.TakeProfit), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_StopInsideTheBarWithSlippage_SlipsTheExitFill(string path)
    {
        // slippage 100 bps: sold short at 100 x 0.99 = 99, floor(1000 / 99) = 10 units, cash 1000 + 990 = 1990,
        // equity at bar 2 = 1990 - 1000 = 990. Stop 99 x 1.1 = 108.9; bar 3 reaches 112: the stop fills at 108.9,
        // slipped up to 108.9 x 1.01 = 109.989; pnl 10 x (99 - 109.989) = -109.89, final 1990 - 1099.89 = 890.11
        var outcome = RunShort(path, (102, 112, 101, 105), slippageBps: 100);
        var trade = new ReferenceTrade(PositionSide.Short, 10, 2, 99, 0, 3, 109.989, 0, -109.89, ExitReason.StopLoss);
        PathAssert.Matches(new ReferenceRun(Capital, 252, [1000, 1000, 990, 890.11], [trade], BarsInMarket: 1), outcome, path, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Short_GapThroughTheTargetWithSlippage_SlipsTheOpenFill(string path)
    {
        // as above (10 units short at 99, cash 1990); target 99 x 0.8 = 79.2; bar 3 opens at 75: covered at
        // 75 x 1.01 = 75.75; pnl 10 x (99 - 75.75) = 232.5, final 1990 - 757.5 = 1232.5
        var outcome = RunShort(path, (75, 78, 70, 72), slippageBps: 100);
        var trade = new ReferenceTrade(PositionSide.Short, 10, 2, 99, 0, 3, 75.75, 0, 232.5, ExitReason.TakeProfit);
        PathAssert.Matches(new ReferenceRun(Capital, 252, [1000, 1000, 990, 1232.5], [trade], BarsInMarket: 1), outcome, path, Tolerance);
    }

    // ---- the scenario ----

    private static PathOutcome RunLong(string path, (double, double, double, double) bar3,
        (double, double, double, double)? entryBar = null, double slippageBps = 0) =>
        Run(path, "long", TestBars.Ohlc(Flat100, (100, 101, 100, 101), entryBar ?? Flat100, bar3), slippageBps);

    private static PathOutcome RunShort(string path, (double, double, double, double) bar3,
        (double, double, double, double)? entryBar = null, double slippageBps = 0) =>
        Run(path, "short", TestBars.Ohlc(Flat100, (100, 100, 99, 99), entryBar ?? Flat100, bar3), slippageBps);

    private static PathOutcome Run(string path, string direction, BarSeries bars, double slippageBps) =>
        SimulationPaths.Run(path, bars, "donchian_breakout", new Dictionary<string, object?>
        {
            ["entry_period"] = 1,
            ["exit_period"] = 1,
            ["direction"] = direction,
            ["stop_loss_pct"] = 0.1,
            ["take_profit_pct"] = 0.2,
            ["slippage_bps"] = slippageBps,
        }, Capital, Daily);

    /// <summary>10 units bought at 100 on bar 2 and sold on bar 3 (cash 0 meanwhile, so the final equity is 10 x exit).</summary>
    private static ReferenceRun LongClosed(double exit, double pnl, double final, ExitReason reason) =>
        new(Capital, 252, [1000, 1000, 1000, final], [new ReferenceTrade(PositionSide.Long, 10, 2, 100, 0, 3, exit, 0, pnl, reason)], BarsInMarket: 1);

    /// <summary>10 units sold short at 100 on bar 2 and covered on bar 3 (final equity 2000 - 10 x exit).</summary>
    private static ReferenceRun ShortClosed(double exit, double pnl, double final, ExitReason reason) =>
        new(Capital, 252, [1000, 1000, 1000, final], [new ReferenceTrade(PositionSide.Short, 10, 2, 100, 0, 3, exit, 0, pnl, reason)], BarsInMarket: 1);
}
