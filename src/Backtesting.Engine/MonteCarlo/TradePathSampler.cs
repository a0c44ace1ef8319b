using Backtesting.Engine.Metrics;
using Backtesting.Engine.Randomness;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// Trade-order paths over the closed trades' returns: each trade's pnl over the equity it was entered with
/// (initial capital plus the pnl of the trades closed before it), reshuffled (Fisher-Yates) or bootstrapped
/// (drawn with replacement) and compounded from the initial capital, so a trade risks the fraction of equity
/// it risked in the backtest. A path's step k is the equity after k trades. Because a product does not depend
/// on its order, a reshuffle leaves final capital unchanged by construction; and as no trade of an unlevered
/// long-only strategy loses more than its entry equity, no path's drawdown exceeds 100 % (dollar pnl added in
/// another order could: a loss taken from the small starting capital instead of the grown one).
/// </summary>
internal sealed class TradePathSampler
{
    private readonly double[] _returns;
    private readonly double _initialCapital;
    private readonly bool _withReplacement;
    private readonly IReadOnlyList<string> _metrics;
    private readonly int[] _bandSteps;
    // win/loss counts and sums cost a branch per trade; only the trade-statistics metrics read them
    private readonly bool _needsTotals;

    public TradePathSampler(double[] pnls, double initialCapital, bool withReplacement, IReadOnlyList<string> metrics, int[] bandSteps)
    {
        _returns = Returns(pnls, initialCapital);
        _initialCapital = initialCapital;
        _withReplacement = withReplacement;
        _metrics = metrics;
        _bandSteps = bandSteps;
        _needsTotals = metrics.Any(m => m is not (MetricNames.FinalCapital or MetricNames.TotalReturn or MetricNames.MaxDrawdown or MetricNames.MaxDrawdownDuration));
    }

    /// <summary>
    /// Each trade's return on the equity it was entered with, in the original order. The equity before a trade
    /// must be positive (a return on nothing is undefined): a backtest whose capital was wiped out is refused.
    /// </summary>
    private static double[] Returns(double[] pnls, double initialCapital)
    {
        var returns = new double[pnls.Length];
        double equity = initialCapital;
        for (int k = 0; k < pnls.Length; k++)
        {
            if (!(equity > 0))
                throw new ValidationException([new ValidationError("method", null,
                    $"resamples trade returns, but the equity before closed trade {k + 1} is {equity.ToString(System.Globalization.CultureInfo.InvariantCulture)}: the backtest lost its capital, so later returns are undefined")]);
            returns[k] = pnls[k] / equity;
            equity += pnls[k];
        }
        return returns;
    }

    /// <summary>Buffers for one thread.</summary>
    public sealed class Buffers(int trades)
    {
        public double[] Returns { get; } = new double[trades];
        public double[] Equity { get; } = new double[trades];
    }

    /// <summary>Path <paramref name="index"/> of the study seeded with <paramref name="seed"/>.</summary>
    public MonteCarloPath Sample(int index, ulong seed, Buffers buffers)
    {
        int n = _returns.Length;
        var random = Xoshiro256StarStar.ForItem(seed, index);
        var drawn = buffers.Returns;
        if (_withReplacement)
        {
            for (int k = 0; k < n; k++) drawn[k] = _returns[random.NextInt(n)];
        }
        else
        {
            _returns.CopyTo(drawn, 0);
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
        _returns.CopyTo(buffers.Returns, 0);
        return Measure(-1, buffers.Returns, buffers);
    }

    private MonteCarloPath Measure(int index, double[] drawn, Buffers buffers)
    {
        int n = _returns.Length;
        var equity = buffers.Equity;
        double capital = _initialCapital;
        var totals = new TradeTotals();
        for (int k = 0; k < n; k++)
        {
            // the trade's dollar pnl on this path: its return on the equity it is entered with here
            double pnl = capital * drawn[k];
            if (_needsTotals) totals.Add(pnl);
            capital += pnl;
            equity[k] = capital;
        }
        var drawdown = DrawdownStatistics.Compute(equity.AsSpan(0, n), _initialCapital);
        var values = new double?[_metrics.Count];
        for (int m = 0; m < values.Length; m++)
            values[m] = Metric(_metrics[m], capital, drawdown, totals);
        var band = new double[_bandSteps.Length];
        for (int b = 0; b < band.Length; b++)
            band[b] = _bandSteps[b] == 0 ? _initialCapital : equity[_bandSteps[b] - 1];
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
        MetricNames.TotalReturn => final / _initialCapital - 1,
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
