namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// The distribution of one metric over the paths where it is defined: mean, sample standard
/// deviation, extremes, the requested percentiles (linear interpolation between order statistics) and a histogram
/// of the values (null when no path defines the metric).
/// </summary>
public sealed record MetricDistribution(string Metric, int Count, double Mean, double StdDev, double Min, double Max, IReadOnlyList<double> Percentiles)
{
    public Histogram? Histogram { get; init; }
}
