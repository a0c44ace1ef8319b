using System.Globalization;
using Backtesting.Engine.Tests.Reference;

namespace Backtesting.Engine.Tests.Support;

/// <summary>Checks what a simulation path reports against an expected run, naming the path and the field on failure.</summary>
public static class PathAssert
{
    /// <summary>Metrics differ from a plain loop's only by the order of float operations (vectorised sums).</summary>
    public const double MetricTolerance = 1e-9;

    /// <summary>
    /// Trades and equity (where the path keeps them) within <paramref name="tolerance"/> relative (0: bit for bit;
    /// bars, sides, exit reasons and counts always exactly), and the metrics every path reports: final capital,
    /// closed/open/winning/losing trade counts, total fees, max drawdown, Sharpe, Sortino and exposure.
    /// </summary>
    public static void Matches(ReferenceRun expected, PathOutcome actual, string path, double tolerance = 0)
    {
        var m = actual.Metrics;
        Near(expected.FinalCapital, m.FinalCapital, tolerance, $"{path}: final_capital");
        Assert.True(expected.ClosedTrades == m.TotalTrades, $"{path}: total_trades expected {expected.ClosedTrades}, got {m.TotalTrades}");
        Assert.True(expected.OpenTrades == m.OpenTrades, $"{path}: open_trades expected {expected.OpenTrades}, got {m.OpenTrades}");
        Assert.True(expected.WinningTrades == m.WinningTrades, $"{path}: winning_trades expected {expected.WinningTrades}, got {m.WinningTrades}");
        Assert.True(expected.LosingTrades == m.LosingTrades, $"{path}: losing_trades expected {expected.LosingTrades}, got {m.LosingTrades}");
        Near(expected.TotalFees, m.TotalFees, Math.Max(tolerance, MetricTolerance), $"{path}: total_fees");
        Near(expected.MaxDrawdown, m.MaxDrawdown, Math.Max(tolerance, MetricTolerance), $"{path}: max_drawdown");
        Near(expected.SharpeRatio, m.SharpeRatio, Math.Max(tolerance, MetricTolerance), $"{path}: sharpe_ratio");
        Near(expected.SortinoRatio, m.SortinoRatio, Math.Max(tolerance, MetricTolerance), $"{path}: sortino_ratio");
        Near(expected.Exposure, m.Exposure, 0, $"{path}: exposure");
        Near(expected.Expectancy, m.Expectancy, Math.Max(tolerance, MetricTolerance), $"{path}: expectancy");

        if (actual.Equity is { } equity)
        {
            Assert.True(expected.Equity.Length == equity.Length, $"{path}: {equity.Length} equity points for {expected.Equity.Length} bars");
            for (int t = 0; t < equity.Length; t++)
                Near(expected.Equity[t], equity[t], tolerance, $"{path}: equity[{t}]");
        }
        if (actual.Trades is { } trades)
        {
            Assert.True(expected.Trades.Count == trades.Count, $"{path}: expected {expected.Trades.Count} trades, got {trades.Count}");
            for (int k = 0; k < trades.Count; k++)
            {
                var (e, a) = (expected.Trades[k], trades[k]);
                string at = $"{path}: trade {k}";
                Assert.True(e.Side == a.Side, $"{at} side: expected {e.Side}, got {a.Side}");
                Assert.True(e.EntryBar == a.EntryBar, $"{at} entry bar: expected {e.EntryBar}, got {a.EntryBar}");
                Assert.True(e.ExitBar == a.ExitBar, $"{at} exit bar: expected {e.ExitBar}, got {a.ExitBar}");
                Assert.True(e.ExitReason == a.ExitReason, $"{at} exit reason: expected {e.ExitReason}, got {a.ExitReason}");
                Near(e.Quantity, a.Quantity, tolerance, $"{at} quantity");
                Near(e.EntryPrice, a.EntryPrice, tolerance, $"{at} entry price");
                Near(e.ExitPrice, a.ExitPrice, tolerance, $"{at} exit price");
                Near(e.EntryFee, a.EntryFee, tolerance, $"{at} entry fee");
                Near(e.ExitFee, a.ExitFee, tolerance, $"{at} exit fee");
                Near(e.Pnl, a.Pnl, tolerance, $"{at} pnl");
            }
        }
    }

    private static void Near(double? expected, double? actual, double relative, string what)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: expected {R(expected)}, got {R(actual)}");
            return;
        }
        double e = expected.Value, a = actual.Value;
        bool same = relative == 0 ? e.Equals(a) : Math.Abs(a - e) <= relative * Math.Max(1, Math.Abs(e));
        Assert.True(same, $"{what}: expected {R(e)}, got {R(a)} (diff {R(a - e)})");
    }

    private static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "null";
}
