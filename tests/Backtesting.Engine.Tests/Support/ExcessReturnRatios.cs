namespace Backtesting.Engine.Tests.Support;

/// <summary>
/// Sharpe and Sortino written out as DESIGN section 5 states them, one plain loop at a time, as an
/// expectation independent of the engine's vectorised kernel: excess returns
/// x(t) = E(t)/E(t-1) - 1 - rf/A with E(-1) = initial capital; Sharpe = mean(x) / std(x, ddof 1) x sqrt(A);
/// Sortino = mean(x) / sqrt(mean(min(x, 0)^2)) x sqrt(A).
/// </summary>
public static class ExcessReturnRatios
{
    public static (double Mean, double StdDev, double DownsideDeviation) Statistics(IReadOnlyList<double> equity, double initialCapital, double riskFreeRate, double periodsPerYear)
    {
        int n = equity.Count;
        var excess = new double[n];
        double previous = initialCapital;
        for (int t = 0; t < n; t++)
        {
            excess[t] = equity[t] / previous - 1 - riskFreeRate / periodsPerYear;
            previous = equity[t];
        }
        double sum = 0;
        for (int t = 0; t < n; t++) sum += excess[t];
        double mean = sum / n;
        double squares = 0, downside = 0;
        for (int t = 0; t < n; t++)
        {
            squares += (excess[t] - mean) * (excess[t] - mean);
            double below = Math.Min(excess[t], 0);
            downside += below * below;
        }
        return (mean, Math.Sqrt(squares / (n - 1)), Math.Sqrt(downside / n));
    }

    public static double Sharpe(IReadOnlyList<double> equity, double initialCapital, double riskFreeRate, double periodsPerYear)
    {
        var s = Statistics(equity, initialCapital, riskFreeRate, periodsPerYear);
        return s.Mean / s.StdDev * Math.Sqrt(periodsPerYear);
    }

    public static double Sortino(IReadOnlyList<double> equity, double initialCapital, double riskFreeRate, double periodsPerYear)
    {
        var s = Statistics(equity, initialCapital, riskFreeRate, periodsPerYear);
        return s.Mean / s.DownsideDeviation * Math.Sqrt(periodsPerYear);
    }
}
