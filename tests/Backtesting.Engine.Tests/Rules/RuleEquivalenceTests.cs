using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Rules;

/// <summary>
/// Issue 12 item 4: rules written in the language reproduce the built-in strategies exactly: the same
/// trades (bars, prices, units, pnl) and the same final capital bit for bit, on GOOG and gbm_100000.
/// </summary>
public sealed class RuleEquivalenceTests
{
    private static readonly Dictionary<string, (bool, double, double, double)> FastSlow = new()
    {
        ["fast"] = (true, 10, 1, 500),
        ["slow"] = (true, 20, 2, 1000),
    };

    private static readonly Dictionary<string, string> SmaRules = new()
    {
        ["long_entry"] = "crosses_above(sma(close, fast), sma(close, slow))",
        ["long_exit"] = "crosses_below(sma(close, fast), sma(close, slow))",
    };

    [Fact]
    public void SmaCrossoverRules_Goog10x20_ReproduceTheReferenceToTheCent()
    {
        var definition = RuleTestSupport.Define(SmaRules, FastSlow, ["fast < slow"]);
        var rules = RuleTestSupport.Run(definition, TestDataFiles.Goog, new Dictionary<string, object?>
        {
            ["fast"] = 10, ["slow"] = 20, ["commission"] = 0.002,
        });

        // DESIGN section 6: backtesting.py, backtrader and vectorbt agree on these
        AssertNumber.MatchesPrinted("63341.19136", rules.Metrics.FinalCapital, "final_capital");
        Assert.Equal(46, rules.Metrics.TotalTrades);
        Assert.Equal(1, rules.Metrics.OpenTrades);
        var builtIn = EngineRun.Validated(TestDataFiles.Goog, "sma_crossover", new Dictionary<string, object?>
        {
            ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002,
        }, 10_000);
        AssertSameRun(builtIn, rules);
    }

    public static TheoryData<string, string> Files => new() { { "GOOG", "long" }, { "gbm_100000", "long" }, { "GOOG", "long_short" }, { "gbm_100000", "long_short" } };

    [Theory]
    [MemberData(nameof(Files))]
    public void SmaCrossoverRules_SameTradesAsBuiltIn(string file, string direction)
    {
        var rules = new Dictionary<string, string>(SmaRules);
        if (direction == "long_short")
        {
            // long_short reverses on the opposite cross: the short entry is the cross below
            rules.Remove("long_exit");
            rules["short_entry"] = SmaRules["long_exit"];
        }
        var definition = RuleTestSupport.Define(rules, FastSlow, ["fast < slow"]);
        var bars = Bars(file);
        AssertSameRun(
            EngineRun.Validated(bars, "sma_crossover", new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 30, ["direction"] = direction, ["commission"] = 0.001 }, 10_000),
            RuleTestSupport.Run(definition, bars, new Dictionary<string, object?> { ["fast"] = 10, ["slow"] = 30, ["commission"] = 0.001 }));
    }

    [Theory]
    [InlineData("GOOG")]
    [InlineData("gbm_100000")]
    public void EmaCrossoverRules_SameTradesAsBuiltIn(string file)
    {
        var definition = RuleTestSupport.Define(new Dictionary<string, string>
        {
            ["long_entry"] = "crosses_above(ema(close, fast), ema(close, slow))",
            ["long_exit"] = "crosses_below(ema(close, fast), ema(close, slow))",
        }, FastSlow, ["fast < slow"]);
        var bars = Bars(file);
        AssertSameRun(
            EngineRun.Validated(bars, "ema_crossover", new Dictionary<string, object?> { ["fast_period"] = 12, ["slow_period"] = 26, ["commission"] = 0.002 }, 10_000),
            RuleTestSupport.Run(definition, bars, new Dictionary<string, object?> { ["fast"] = 12, ["slow"] = 26, ["commission"] = 0.002 }));
    }

    [Theory]
    [InlineData("GOOG")]
    [InlineData("gbm_100000")]
    public void RsiReversionRules_SameTradesAsBuiltIn(string file)
    {
        var definition = RuleTestSupport.Define(new Dictionary<string, string>
        {
            ["long_entry"] = "crosses_below(rsi(close, period), oversold)",
            ["long_exit"] = "crosses_above(rsi(close, period), overbought)",
        }, new Dictionary<string, (bool, double, double, double)>
        {
            ["period"] = (true, 14, 2, 500),
            ["oversold"] = (false, 30, 1, 99),
            ["overbought"] = (false, 70, 1, 99),
        }, ["oversold < overbought"]);
        var bars = Bars(file);
        AssertSameRun(
            EngineRun.Validated(bars, "rsi_reversion", new Dictionary<string, object?> { ["period"] = 14, ["oversold"] = 30, ["overbought"] = 70, ["commission"] = 0.002 }, 10_000),
            RuleTestSupport.Run(definition, bars, new Dictionary<string, object?> { ["period"] = 14, ["oversold"] = 30, ["overbought"] = 70, ["commission"] = 0.002 }));
    }

    private static BarSeries Bars(string file) => file == "GOOG" ? TestDataFiles.Goog : RuleTestSupport.Gbm100000;

    private static void AssertSameRun(BacktestResult builtIn, BacktestResult rules)
    {
        Assert.True(builtIn.Trades.Count > 5, "the comparison needs trades");
        Assert.Equal(builtIn.Trades.Count, rules.Trades.Count);
        for (int i = 0; i < builtIn.Trades.Count; i++)
            Assert.Equal(builtIn.Trades[i], rules.Trades[i]);
        Assert.Equal(builtIn.Metrics.FinalCapital, rules.Metrics.FinalCapital);
        Assert.Equal(builtIn.Equity.ToArray(), rules.Equity.ToArray());
    }
}
