using Backtesting.Engine.Metrics;
using Backtesting.Engine.Randomness;

namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// Trade-order paths: the closed trades' dollar pnl reshuffled (Fisher-Yates) or bootstrapped
/// (drawn with replacement), added to the initial capital one trade at a time. A path's step k is
/// the equity after k trades. Equity may fall below zero: pnl is in dollars, not re-sized.
/// </summary>
internal sealed class TradePathSampler(double[] pnls, double initialCapital, bool withReplacement, IReadOnlyList<string> metrics, int[] bandSteps)
{
    // win/loss counts and sums cost a branch per trade; only the trade-statistics metrics read them
    private readonly bool _needsTotals = metrics.Any(m => m is not (MetricNames.FinalCapital or MetricNames.TotalReturn or MetricNames.MaxDrawdown or MetricNames.MaxDrawdownDuration));

    /// <summary>Buffers for one thread.</summary>
    public sealed class Buffers(int trades)
    {
        public double[] Pnls { get; } = new double[trades];
        public double[] Equity { get; } = new double[trades];
    }

    /// <summary>Path <paramref name="index"/> of the study seeded with <paramref name="seed"/>.</summary>
    public MonteCarloPath Sample(int index, ulong seed, Buffers buffers)
    {
        int n = pnls.Length;
        var random = Xoshiro256StarStar.ForItem(seed, index);
        var drawn = buffers.Pnls;
        if (withReplacement)
        {
            for (int k = 0; k < n; k++) drawn[k] = pnls[random.NextInt(n)];
        }
        else
        {
            pnls.CopyTo(drawn, 0);
            for (int k = n - 1; k > 0; k--)
            {
                int j = random.NextInt(k + 1);
                (drawn[k], drawn[j]) = (drawn[j], drawn[k]);
            }
        }
        return Measure(index, drawn, buffers);
    }

    /// <summary>
    /// The trades in their original order, measured as every path is (index -1): the baseline of the
    /// study on the paths' own basis (closed trades, drawdown trade by trade).
    /// </summary>
    public MonteCarloPath Original(Buffers buffers)
    {
        pnls.CopyTo(buffers.Pnls, 0);
        return Measure(-1, buffers.Pnls, buffers);
    }

    private MonteCarloPath Measure(int index, double[] drawn, Buffers buffers)
    {
        int n = pnls.Length;
        var equity = buffers.Equity;
        double capital = initialCapital;
        var totals = new TradeTotals();
        for (int k = 0; k < n; k++)
        {
            capital += drawn[k];
            equity[k] = capital;
        }
        if (_needsTotals)
            foreach (double pnl in drawn.AsSpan(0, n)) totals.Add(pnl);
        var drawdown = DrawdownStatistics.Compute(equity.AsSpan(0, n), initialCapital);
        var values = new double?[metrics.Count];
        for (int m = 0; m < values.Length; m++)
            values[m] = Metric(metrics[m], capital, drawdown, totals);
        var band = new double[bandSteps.Length];
        for (int b = 0; b < band.Length; b++)
            band[b] = bandSteps[b] == 0 ? initialCapital : equity[bandSteps[b] - 1];
        return new MonteCarloPath(index, capital, drawdown.MaxDrawdown, values, band);
    }

    /// <summary>The metrics a trade path defines (the per-bar ones, like sharpe_ratio, need bars).</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        MetricNames.FinalCapital, MetricNames.TotalReturn, MetricNames.MaxDrawdown, MetricNames.MaxDrawdownDuration,
        MetricNames.TotalTrades, MetricNames.WinningTrades, MetricNames.LosingTrades, MetricNames.WinRate,
        MetricNames.AvgWin, MetricNames.AvgLoss, MetricNames.ProfitFactor, MetricNames.Expectancy,
    ];

    private double? Metric(string name, double final, DrawdownStatistics drawdown, in TradeTotals t) => name switch
    {
        MetricNames.FinalCapital => final,
        MetricNames.TotalReturn => final / initialCapital - 1,
        MetricNames.MaxDrawdown => drawdown.MaxDrawdown,
        MetricNames.MaxDrawdownDuration => drawdown.LongestDurationBars,
        MetricNames.TotalTrades => t.Total,
        MetricNames.WinningTrades => t.Winners,
        MetricNames.LosingTrades => t.Losers,
        MetricNames.WinRate => t.Total > 0 ? (double)t.Winners / t.Total : null,
        MetricNames.AvgWin => t.Winners > 0 ? t.WinSum / t.Winners : null,
        MetricNames.AvgLoss => t.Losers > 0 ? t.LossSum / t.Losers : null,
        MetricNames.ProfitFactor => t.Losers > 0 ? t.WinSum / Math.Abs(t.LossSum) : null,
        MetricNames.Expectancy => t.Total > 0 ? t.PnlSum / t.Total : null,
        _ => throw new ArgumentException($"metric '{name}' is not defined for trade paths", nameof(name)),
    };
}
