using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Simulation;

/// <summary>
/// equity(t) = cash(t) + units(t) x close(t) at every bar, with cash and units rebuilt from the trade
/// list alone (entry: cash -= side x q x entry + entry fee; exit: cash += side x q x exit - exit fee).
/// </summary>
public sealed class EquityInvariantTests
{
    public static TheoryData<string, string, string, double, double, double, bool, string> Cases() => new()
    {
        // file, strategy, direction, commission, position_size, slippage_bps, fractional, extra
        { "GOOG.csv", "sma_crossover", "long", 0.002, 1, 0, false, "" },
        { "GOOG.csv", "sma_crossover", "short", 0.002, 1, 0, false, "" },
        { "GOOG.csv", "sma_crossover", "long_short", 0.002, 0.7, 5, false, "" },
        { "GOOG.csv", "ema_crossover", "long_short", 0.001, 1, 10, true, "" },
        { "GOOG.csv", "macd_crossover", "long", 0.001, 0.5, 0, false, "close_fill" },
        { "GOOG.csv", "rsi_reversion", "long_short", 0.001, 1, 0, false, "stops" },
        { "GOOG.csv", "bollinger_reversion", "short", 0.0005, 0.9, 2, true, "stops" },
        { "GOOG.csv", "donchian_breakout", "long", 0.002, 1, 0, false, "close_at_end" },
        { "GOOG.csv", "buy_and_hold", "long", 0.002, 1, 0, false, "" },
        { "gbm_10000.csv", "sma_crossover", "long", 0.0001, 1, 0, false, "" },
        { "gbm_10000.csv", "sma_crossover", "long_short", 0.0001, 1, 1, true, "stops" },
        { "gbm_10000.csv", "ema_crossover", "short", 0.0002, 0.8, 0, false, "close_at_end" },
        { "gbm_10000.csv", "donchian_breakout", "long_short", 0.0001, 1, 0, false, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_EveryBar_EquityEqualsCashPlusUnitsTimesClose(string file, string strategyId, string direction, double commission,
        double positionSize, double slippageBps, bool fractional, string extra)
    {
        var bars = file == "GOOG.csv" ? TestDataFiles.Goog : TestDataFiles.Gbm10000;
        var parameters = new Dictionary<string, object?>
        {
            ["direction"] = direction,
            ["commission"] = commission,
            ["position_size"] = positionSize,
            ["slippage_bps"] = slippageBps,
            ["fractional"] = fractional,
        };
        if (extra == "stops") (parameters["stop_loss_pct"], parameters["take_profit_pct"]) = (0.03, 0.06);
        if (extra == "close_fill") parameters["fill"] = "close";
        if (extra == "close_at_end") parameters["close_at_end"] = true;
        var result = EngineRun.Validated(bars, strategyId, parameters, 100_000);

        Assert.NotEmpty(result.Trades);
        AssertEquityMatchesTrades(bars, result, 100_000);

        // fees and trade counts agree with the trade list too
        double fees = result.Trades.Sum(t => t.EntryFee + t.ExitFee);
        AssertNumber.Relative(fees, result.Metrics.TotalFees, 1e-9, "total_fees");
        Assert.Equal(result.Trades.Count(t => !t.IsOpen), result.Metrics.TotalTrades);
        Assert.Equal(result.Trades.Count(t => t.IsOpen), result.Metrics.OpenTrades);
        Assert.Equal(result.Equity[^1], result.Metrics.FinalCapital);
        if (!fractional) Assert.All(result.Trades, t => Assert.Equal(Math.Floor(t.Quantity), t.Quantity));
    }

    internal static void AssertEquityMatchesTrades(BarSeries bars, BacktestResult result, double initialCapital)
    {
        // cash and units changes per bar, from the trades alone
        var cashDelta = new double[bars.Count];
        var unitsDelta = new double[bars.Count];
        foreach (var trade in result.Trades)
        {
            int side = (int)trade.Side;
            cashDelta[trade.EntryBar] -= side * trade.Quantity * trade.EntryPrice + trade.EntryFee;
            unitsDelta[trade.EntryBar] += side * trade.Quantity;
            if (trade.ExitBar is { } exit)
            {
                cashDelta[exit] += side * trade.Quantity * trade.ExitPrice!.Value - trade.ExitFee;
                unitsDelta[exit] -= side * trade.Quantity;
            }
        }
        double cash = initialCapital, units = 0;
        for (int t = 0; t < bars.Count; t++)
        {
            cash += cashDelta[t];
            units += unitsDelta[t];
            double expected = cash + units * bars.Close[t];
            double actual = result.Equity[t];
            Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected),
                $"bar {t}: equity {actual:R}, cash + units x close = {expected:R}");
        }
        // the trade list ends flat unless a trade is still open
        bool open = result.Trades.Any(t => t.IsOpen);
        Assert.Equal(open, Math.Abs(units) > 0);
    }
}
