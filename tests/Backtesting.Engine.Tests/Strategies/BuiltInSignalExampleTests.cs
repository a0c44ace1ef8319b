using Backtesting.Engine.Data;
using Backtesting.Engine.Tests.Reference;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>
/// Hand-worked signals of every built-in besides sma_crossover: a short series, the indicator values worked out
/// in the comments (rounded to 4 decimals), and the signals that follow. Each is demanded from the engine's
/// signal paths (<see cref="SignalPaths"/>) and from the reference model, which the whole-run tests rely on.
/// Crossovers follow DESIGN section 4: a cross at t needs the last non-zero difference before t on the other side.
/// </summary>
public sealed class BuiltInSignalExampleTests
{
    public static TheoryData<string> Sources()
    {
        var sources = SignalPaths.Names();
        sources.Add("reference");
        return sources;
    }

    // closes shared by the EMA and MACD examples
    private static readonly double[] TrendCloses = [10, 11, 12, 9, 6, 9, 12, 15, 9];

    [Theory]
    [MemberData(nameof(Sources))]
    public void EmaCrossover_HandWorked(string source)
    {
        // EMA(2): alpha 2/3, seeded at bar 1 with (10 + 11) / 2 = 10.5, then e += 2/3 (x - e):
        //   11.5, 9.8333, 7.2778, 8.4259, 10.8086, 13.6029, 10.5343   (bars 2..8)
        // EMA(3): alpha 1/2, seeded at bar 2 with (10 + 11 + 12) / 3 = 11, then 10, 8, 8.5, 10.25, 12.625, 10.8125
        // d = fast - slow from bar 2: +0.5, -0.1667, -0.7222, -0.0741, +0.5586, +0.9779, -0.2782
        // bar 2 is the first defined d (nothing before it to cross from); down at 3, up at 6, down at 8
        var signals = Signals(source, TestBars.FromCloses(TrendCloses), "ema_crossover", new() { ["fast_period"] = 2, ["slow_period"] = 3 });
        Assert.Equal(new sbyte[] { 0, 0, 0, -1, 0, 0, 1, 0, -1 }, signals);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void MacdCrossover_HandWorked(string source)
    {
        // MACD line = EMA(2) - EMA(3) (values above) from bar 2: 0.5, -0.1667, -0.7222, -0.0741, 0.5586, 0.9779, -0.2782
        // signal line = EMA(2) of the line, seeded at bar 3 with (0.5 - 0.1667) / 2 = 0.1667, then
        //   bar 4: 0.1667 + 2/3 (-0.7222 - 0.1667) = -0.4259; bar 5: -0.1914; bar 6: 0.3086; bar 7: 0.7548; bar 8: 0.0661
        // line - signal from bar 3: -0.3333, -0.2963, +0.1173 (cross up), +0.25, +0.2231, -0.3443 (cross down)
        var signals = Signals(source, TestBars.FromCloses(TrendCloses), "macd_crossover",
            new() { ["fast_period"] = 2, ["slow_period"] = 3, ["signal_period"] = 2 });
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, 0, 1, 0, 0, -1 }, signals);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void RsiReversion_HandWorked(string source)
    {
        // closes 10 11 12 11 13 12 9 8 10; changes from bar 1: +1 +1 -1 +2 -1 -3 -1 +2
        // period 3: bar 3 seeds gain (1 + 1 + 0) / 3 = 0.6667, loss 1/3 = 0.3333: RS 2, RSI 66.67 (first value)
        // bar 4 (+2): gain (0.6667 x 2 + 2) / 3 = 1.1111, loss 0.2222, RS 5, RSI 83.33: crosses above 70 -> sell
        // bar 5 (-1): gain 0.7407, loss 0.4815, RSI 60.61
        // bar 6 (-3): gain 0.4938, loss 1.3210, RSI 27.21: crosses below 30 -> buy
        // bar 7 (-1): RSI 21.33 (still below: no new cross); bar 8 (+2): RSI 52.27 (back above 30: not a signal)
        var signals = Signals(source, TestBars.FromCloses(10, 11, 12, 11, 13, 12, 9, 8, 10), "rsi_reversion",
            new() { ["period"] = 3, ["oversold"] = 30, ["overbought"] = 70 });
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, -1, 0, 1, 0, 0 }, signals);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void BollingerReversion_HandWorked(string source)
    {
        // period 4, num_std 1: bands = mean -/+ population standard deviation of the last 4 closes
        // bar 3 [14 10 10 12]: mean 11.5, sd 1.6583, bands 9.8417 / 13.1583: close 12 below the upper band (d_upper < 0)
        // bar 4 [10 10 12 12]: mean 11, sd 1 exactly, upper band 12 = the close: d_upper = 0, a tie, no cross yet
        // bar 5 [10 12 12 13]: upper 12.8397, close 13 above: d_upper > 0 and the last non-zero was < 0 (bar 3): sell
        // bar 6 [12 12 13 14]: upper 13.5792, close 14 still above: nothing
        // bar 7 [12 13 14 9]: mean 12, sd 1.8708, lower 10.1292, close 9 below; it was above until now: buy
        // bar 8 [13 14 9 10]: lower 9.4384, close 10 back above (not a signal); bar 9: lower 8.4384, close 9 above
        var signals = Signals(source, TestBars.FromCloses(14, 10, 10, 12, 12, 13, 14, 9, 10, 9), "bollinger_reversion",
            new() { ["period"] = 4, ["num_std"] = 1 });
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, 0, -1, 0, 1, 0, 0 }, signals);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void DonchianBreakout_HandWorked(string source)
    {
        // entry 3: close above the highest high of the 3 PREVIOUS bars; exit 2: below the lowest low of the 2 previous
        //        bar:   0     1     2     3     4     5     6     7     8
        //       high:  11    12    11  12.5    13    13    12    10    10
        //        low:   9    10   9.5    10    12    11     9     8     8
        //      close:  10    11    10  12.5  12.5  11.5   9.5     9   8.5
        // bar 2: low channel min(9, 10) = 9, close 10: nothing (the entry channel needs 3 bars)
        // bar 3: high channel max(11, 12, 11) = 12 < 12.5: buy (its own high 12.5 is not in the channel, else no break)
        // bar 4: high channel 12.5 = close 12.5: equal is not a break; bar 5: high 13, low min(10, 12) = 10: nothing
        // bar 6: low channel min(12, 11) = 11 > 9.5: sell; bar 7: low channel min(11, 9) = 9 = close: nothing
        // bar 8: low channel min(9, 8) = 8 < 8.5: nothing
        var bars = TestBars.Ohlc((10, 11, 9, 10), (11, 12, 10, 11), (10, 11, 9.5, 10), (12.5, 12.5, 10, 12.5), (12.5, 13, 12, 12.5),
            (11.5, 13, 11, 11.5), (9.5, 12, 9, 9.5), (9, 10, 8, 9), (8.5, 10, 8, 8.5));
        var signals = Signals(source, bars, "donchian_breakout", new() { ["entry_period"] = 3, ["exit_period"] = 2 });
        Assert.Equal(new sbyte[] { 0, 0, 0, 1, 0, 0, -1, 0, 0 }, signals);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void BuyAndHold_BuysOnTheFirstBarOnly(string source)
    {
        var signals = Signals(source, TestBars.FromCloses(10, 9, 11, 8), "buy_and_hold", new());
        Assert.Equal(new sbyte[] { 1, 0, 0, 0 }, signals);
    }

    private static sbyte[] Signals(string source, BarSeries bars, string strategyId, Dictionary<string, object?> parameters) =>
        source == "reference"
            ? ReferenceSignals.For(strategyId, new ReferenceParameters(parameters), bars)
            : SignalPaths.Run(source, bars, strategyId, parameters);
}
