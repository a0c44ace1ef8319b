namespace Backtesting.Engine.Tests.Reference;

/// <summary>
/// An expected run: the equity at every close, the trades (closed ones in exit order, then the open one) and the
/// bars whose close found a position open. Every metric is computed here from those by DESIGN section 5 with
/// plain loops, so a hand-worked example and the reference model share one definition of each metric.
/// </summary>
public sealed record ReferenceRun(double InitialCapital, double PeriodsPerYear, double[] Equity, IReadOnlyList<ReferenceTrade> Trades, int BarsInMarket)
{
    public double FinalCapital => Equity[^1];

    public double TotalReturn => FinalCapital / InitialCapital - 1;

    public int ClosedTrades => Trades.Count(t => !t.IsOpen);

    public int OpenTrades => Trades.Count(t => t.IsOpen);

    public int WinningTrades => Trades.Count(t => !t.IsOpen && t.Pnl > 0);

    public int LosingTrades => Trades.Count(t => !t.IsOpen && t.Pnl < 0);

    /// <summary>Every commission paid, the open trade's entry included.</summary>
    public double TotalFees => Trades.Sum(t => t.EntryFee + t.ExitFee);

    public double Exposure => (double)BarsInMarket / Equity.Length;

    public double? Expectancy => ClosedTrades > 0 ? Trades.Where(t => !t.IsOpen).Sum(t => t.Pnl) / ClosedTrades : null;

    public double? ProfitFactor => LosingTrades > 0
        ? Trades.Where(t => !t.IsOpen && t.Pnl > 0).Sum(t => t.Pnl) / -Trades.Where(t => !t.IsOpen && t.Pnl < 0).Sum(t => t.Pnl)
        : null;

    /// <summary>max over t of 1 - E(t) / max(initial, max over s &lt;= t of E(s)).</summary>
    public double MaxDrawdown
    {
        get
        {
            double peak = InitialCapital, worst = 0;
            foreach (double e in Equity)
            {
                peak = Math.Max(peak, e);
                worst = Math.Max(worst, 1 - e / peak);
            }
            return worst;
        }
    }

    /// <summary>mean(r) / std(r, ddof 1) x sqrt(A); null when the returns do not vary.</summary>
    public double? SharpeRatio
    {
        get
        {
            double[] r = Returns();
            double mean = r.Average();
            double squares = 0;
            foreach (double x in r) squares += (x - mean) * (x - mean);
            double std = r.Length > 1 ? Math.Sqrt(squares / (r.Length - 1)) : 0;
            return std > 0 ? mean / std * Math.Sqrt(PeriodsPerYear) : null;
        }
    }

    /// <summary>mean(r) / sqrt(mean(min(r, 0)^2)) x sqrt(A); null without a losing bar.</summary>
    public double? SortinoRatio
    {
        get
        {
            double[] r = Returns();
            double downside = Math.Sqrt(r.Select(x => Math.Min(x, 0) * Math.Min(x, 0)).Sum() / r.Length);
            return downside > 0 ? r.Average() / downside * Math.Sqrt(PeriodsPerYear) : null;
        }
    }

    /// <summary>r(t) = E(t) / E(t-1) - 1 with E(-1) the initial capital.</summary>
    private double[] Returns()
    {
        var r = new double[Equity.Length];
        double previous = InitialCapital;
        for (int t = 0; t < Equity.Length; t++)
        {
            r[t] = Equity[t] / previous - 1;
            previous = Equity[t];
        }
        return r;
    }
}
