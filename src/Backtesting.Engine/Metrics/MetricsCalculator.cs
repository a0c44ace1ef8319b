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
        var totals = TradeTotals.Of(inputs.ClosedTrades);
        return Compute(inputs.InitialCapital, inputs.Equity, totals, inputs.OpenTrade is not null, inputs.TotalFees,
            inputs.BarsInMarket, inputs.FirstClose, inputs.LastClose, inputs.PeriodsPerYear, inputs.RiskFreeRate);
    }

    /// <summary>The metrics from an equity curve and closed-trade totals (the allocation-free path of the research workloads).</summary>
    internal static PerformanceMetrics Compute(double initial, ReadOnlySpan<double> equity, in TradeTotals trades, bool hasOpenTrade,
        double totalFees, int barsInMarket, double firstClose, double lastClose, double periodsPerYear, double riskFreeRate)
    {
        int n = equity.Length;
        if (n == 0) throw new ArgumentException("an equity curve needs at least one point", nameof(equity));
        double final = equity[^1];
        double a = periodsPerYear;

        var returns = ReturnStatistics.Compute(equity, initial, riskFreeRate / a);
        var drawdown = DrawdownStatistics.Compute(equity, initial);
        double annual = final > 0 ? Math.Pow(final / initial, a / n) - 1 : -1;

        int winners = trades.Winners, losers = trades.Losers, total = trades.Total;
        double winSum = trades.WinSum, lossSum = trades.LossSum, pnlSum = trades.PnlSum;
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
            OpenTrades = hasOpenTrade ? 1 : 0,
            WinningTrades = winners,
            LosingTrades = losers,
            WinRate = total > 0 ? (double)winners / total : null,
            AvgWin = winners > 0 ? winSum / winners : null,
            AvgLoss = losers > 0 ? lossSum / losers : null,
            ProfitFactor = losers > 0 ? winSum / Math.Abs(lossSum) : null,
            Expectancy = total > 0 ? pnlSum / total : null,
            TotalFees = totalFees,
            Exposure = (double)barsInMarket / n,
            BuyAndHoldReturn = lastClose / firstClose - 1,
            Bars = n,
            PeriodsPerYear = a,
            RiskFreeRate = riskFreeRate,
        };
    }
}
