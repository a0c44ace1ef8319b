using System.Collections.Concurrent;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Reference;

/// <summary>
/// Whole runs of every built-in, on GOOG.csv and gbm_10000.csv, against <see cref="ReferenceBacktest"/> (written from
/// DESIGN sections 4-5, not from the engine): every simulation path must give the reference's trades and prices
/// bit for bit, and its metrics within 1e-9 (sums in another order). Long, short and long_short, commission, slippage,
/// fractional units, partial position sizes, close fills and close_at_end are covered.
/// </summary>
public sealed class ReferenceModelTests
{
    private static readonly Dictionary<string, (string Strategy, Dictionary<string, object?> Parameters)> Cases = new()
    {
        ["sma 10/20 commission (design 6)"] = ("sma_crossover", new() { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 }),
        ["sma 5/30 long_short"] = ("sma_crossover", new() { ["fast_period"] = 5, ["slow_period"] = 30, ["direction"] = "long_short", ["commission"] = 0.001 }),
        ["ema defaults"] = ("ema_crossover", new()),
        ["ema 5/20 long_short commission"] = ("ema_crossover", new() { ["fast_period"] = 5, ["slow_period"] = 20, ["direction"] = "long_short", ["commission"] = 0.002 }),
        ["ema 8/40 short slippage"] = ("ema_crossover", new() { ["fast_period"] = 8, ["slow_period"] = 40, ["direction"] = "short", ["commission"] = 0.001, ["slippage_bps"] = 5 }),
        ["macd defaults"] = ("macd_crossover", new()),
        ["macd 6/19/5 long_short commission"] = ("macd_crossover", new() { ["fast_period"] = 6, ["slow_period"] = 19, ["signal_period"] = 5, ["direction"] = "long_short", ["commission"] = 0.001 }),
        ["macd short fractional half"] = ("macd_crossover", new() { ["direction"] = "short", ["fractional"] = true, ["position_size"] = 0.5, ["commission"] = 0.002 }),
        ["rsi defaults"] = ("rsi_reversion", new()),
        ["rsi 7 25/75 long_short commission"] = ("rsi_reversion", new() { ["period"] = 7, ["oversold"] = 25, ["overbought"] = 75, ["direction"] = "long_short", ["commission"] = 0.002 }),
        ["rsi 21 40/60 short close fill"] = ("rsi_reversion", new() { ["period"] = 21, ["oversold"] = 40, ["overbought"] = 60, ["direction"] = "short", ["fill"] = "close", ["commission"] = 0.001 }),
        ["bollinger defaults"] = ("bollinger_reversion", new()),
        ["bollinger 10 x1.5 long_short commission"] = ("bollinger_reversion", new() { ["period"] = 10, ["num_std"] = 1.5, ["direction"] = "long_short", ["commission"] = 0.002 }),
        ["bollinger 30 x2.5 short close_at_end"] = ("bollinger_reversion", new() { ["period"] = 30, ["num_std"] = 2.5, ["direction"] = "short", ["close_at_end"] = true, ["commission"] = 0.001 }),
        ["donchian defaults"] = ("donchian_breakout", new()),
        ["donchian 55/20 long_short commission"] = ("donchian_breakout", new() { ["entry_period"] = 55, ["exit_period"] = 20, ["direction"] = "long_short", ["commission"] = 0.002 }),
        ["donchian 10/5 short slippage"] = ("donchian_breakout", new() { ["entry_period"] = 10, ["exit_period"] = 5, ["direction"] = "short", ["slippage_bps"] = 10, ["commission"] = 0.001 }),
        ["buy_and_hold defaults"] = ("buy_and_hold", new()),
        ["buy_and_hold commission 70%"] = ("buy_and_hold", new() { ["commission"] = 0.002, ["position_size"] = 0.7 }),
    };

    private static readonly ConcurrentDictionary<(string, string), ReferenceRun> References = new();

    public static TheoryData<string, string, string> Runs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string name in Cases.Keys)
            foreach (string dataSet in new[] { "GOOG", "gbm_10000" })
                foreach (var (path, _) in SimulationPaths.All)
                    data.Add(name, dataSet, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Run_EqualsTheReferenceModel(string name, string dataSet, string path)
    {
        var (strategy, parameters) = Cases[name];
        var (bars, capital, options) = Data(dataSet);
        var expected = References.GetOrAdd((name, dataSet), _ => ReferenceBacktest.Run(bars, strategy, parameters, capital, 252));
        Assert.True(expected.Trades.Count > 0, $"{name} on {dataSet} trades nothing: the case proves little");

        var actual = SimulationPaths.Run(path, bars, strategy, parameters, capital, options);

        PathAssert.Matches(expected, actual, $"{name} on {dataSet} ({path})");
    }

    [Fact]
    public void ReferenceModel_ReproducesDesignSection6_Goog()
    {
        // GOOG, sma_crossover 10/20, long, capital 10000, commission 0.002, whole units, next-open fills
        var run = ReferenceBacktest.Run(TestDataFiles.Goog, "sma_crossover",
            new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 }, 10_000, 252);

        AssertNumber.MatchesPrinted("63341.19136", run.FinalCapital, "final_capital");
        AssertNumber.MatchesPrinted("5.334119136", run.TotalReturn, "total_return");
        AssertNumber.MatchesPrinted("0.2001734114", run.MaxDrawdown, "max_drawdown");
        Assert.Equal(46, run.ClosedTrades);
        Assert.Equal(1, run.OpenTrades);
        AssertNumber.MatchesPrinted("0.6086956522", (double)run.WinningTrades / run.ClosedTrades, "win_rate");
        AssertNumber.MatchesPrinted("2.75115771", run.ProfitFactor, "profit_factor");
        AssertNumber.MatchesPrinted("985.70958261", run.Expectancy, "expectancy");
        AssertNumber.MatchesPrinted("1.08115269", run.SharpeRatio, "sharpe_ratio");
        AssertNumber.MatchesPrinted("5908.84864", run.TotalFees, "total_fees");

        // first closed trade: 55 units, entry 2004-12-06 at 179.13, exit 2004-12-20 at 182.00, pnl 118.1257
        var first = run.Trades[0];
        Assert.Equal(55, first.Quantity);
        Assert.Equal(new DateTime(2004, 12, 6), TestDataFiles.Goog.TimeAt(first.EntryBar).Date);
        Assert.Equal(179.13, first.EntryPrice);
        Assert.Equal(new DateTime(2004, 12, 20), TestDataFiles.Goog.TimeAt(first.ExitBar!.Value).Date);
        Assert.Equal(182.00, first.ExitPrice);
        AssertNumber.MatchesPrinted("118.1257", first.Pnl, "first pnl");
    }

    [Fact]
    public void ReferenceModel_ReproducesDesignSection6_Gbm()
    {
        // gbm_10000, sma_crossover 10/30, long, capital 100000, commission 0.0001
        var run = ReferenceBacktest.Run(TestDataFiles.Gbm10000, "sma_crossover",
            new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30, ["commission"] = 0.0001 }, 100_000, 252);

        AssertNumber.MatchesPrinted("93964.1378", run.FinalCapital, "final_capital");
        Assert.Equal(192, run.ClosedTrades);
    }

    /// <summary>GOOG is daily (the engine infers A = 252 itself); gbm's minute bars get A = 252 given explicitly.</summary>
    private static (BarSeries Bars, double Capital, BacktestOptions Options) Data(string dataSet) => dataSet switch
    {
        "GOOG" => (TestDataFiles.Goog, 10_000, BacktestOptions.Default),
        "gbm_10000" => (TestDataFiles.Gbm10000, 100_000, new BacktestOptions(PeriodsPerYear: 252)),
        _ => throw new ArgumentOutOfRangeException(nameof(dataSet), dataSet, "allowed: GOOG, gbm_10000"),
    };
}
