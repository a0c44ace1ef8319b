using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Metrics;

/// <summary>Computes <see cref="PerformanceMetrics"/> from an equity curve and trades, per the metric contract.</summary>
public static class MetricsCalculator
{
    /// <summary>Everything the metrics are computed from.</summary>
    public readonly record struct Inputs(
        double InitialCapital,
        double[] Equity,
        IReadOnlyList<Trade> ClosedTrades,
        Trade? OpenTrade,
        double TotalFees,
        int BarsInMarket,
        double FirstClose,
        double LastClose,
        double PeriodsPerYear,
        double RiskFreeRate = 0);

    public static PerformanceMetrics Compute(in Inputs inputs)
    {
        ReadOnlySpan<double> equity = inputs.Equity;
        int n = equity.Length;
        if (n == 0) throw new ArgumentException("an equity curve needs at least one point", nameof(inputs));
        double initial = inputs.InitialCapital;
        double final = equity[^1];
        double a = inputs.PeriodsPerYear;

        var returns = ReturnStatistics.Compute(equity, initial, inputs.RiskFreeRate / a);
        var drawdown = DrawdownStatistics.Compute(equity, initial);
        double annual = final > 0 ? Math.Pow(final / initial, a / n) - 1 : -1;

        int winners = 0, losers = 0;
        double winSum = 0, lossSum = 0, pnlSum = 0;
        foreach (var trade in inputs.ClosedTrades)
        {
            pnlSum += trade.Pnl;
            if (trade.Pnl > 0) { winners++; winSum += trade.Pnl; }
            else if (trade.Pnl < 0) { losers++; lossSum += trade.Pnl; }
        }
        int total = inputs.ClosedTrades.Count;
        double sqrtA = Math.Sqrt(a);

        return new PerformanceMetrics
        {
            InitialCapital = initial,
            FinalCapital = final,
            TotalReturn = final / initial - 1,
            AnnualReturn = annual,
            MaxDrawdown = drawdown.MaxDrawdown,
            MaxDrawdownDuration = drawdown.LongestDurationBars,
            SharpeRatio = returns.StdDev > 0 ? returns.Mean / returns.StdDev * sqrtA : null,
            SortinoRatio = returns.DownsideDeviation > 0 ? returns.Mean / returns.DownsideDeviation * sqrtA : null,
            CalmarRatio = drawdown.MaxDrawdown > 0 ? annual / drawdown.MaxDrawdown : null,
            TotalTrades = total,
            OpenTrades = inputs.OpenTrade is null ? 0 : 1,
            WinningTrades = winners,
            LosingTrades = losers,
            WinRate = total > 0 ? (double)winners / total : null,
            AvgWin = winners > 0 ? winSum / winners : null,
            AvgLoss = losers > 0 ? lossSum / losers : null,
            ProfitFactor = losers > 0 ? winSum / Math.Abs(lossSum) : null,
            Expectancy = total > 0 ? pnlSum / total : null,
            TotalFees = inputs.TotalFees,
            Exposure = (double)inputs.BarsInMarket / n,
            BuyAndHoldReturn = inputs.LastClose / inputs.FirstClose - 1,
            Bars = n,
            PeriodsPerYear = a,
        };
    }
}
