namespace Backtesting.Engine.Metrics;

/// <summary>Mean, sample standard deviation (ddof 1) and downside deviation of per-bar returns, as a span kernel.</summary>
public readonly record struct ReturnStatistics(double Mean, double StdDev, double DownsideDeviation)
{
    /// <summary>Statistics of r(t) = E(t)/E(t-1) - 1 - riskFreePerPeriod with E(-1) = initial capital.</summary>
    public static ReturnStatistics Compute(ReadOnlySpan<double> equity, double initialCapital, double riskFreePerPeriod = 0)
    {
        int n = equity.Length;
        double previous = initialCapital, sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += equity[i] / previous - 1 - riskFreePerPeriod;
            previous = equity[i];
        }
        double mean = sum / n;
        double squares = 0, downside = 0;
        previous = initialCapital;
        for (int i = 0; i < n; i++)
        {
            double r = equity[i] / previous - 1 - riskFreePerPeriod;
            previous = equity[i];
            double d = r - mean;
            squares += d * d;
            if (r < 0) downside += r * r;
        }
        double std = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
        return new ReturnStatistics(mean, std, Math.Sqrt(downside / n));
    }
}
