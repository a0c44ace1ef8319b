namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// The distribution of one metric over the paths where it is defined: mean, sample standard
/// deviation, extremes and the requested percentiles (linear interpolation between order statistics).
/// </summary>
public sealed record MetricDistribution(string Metric, int Count, double Mean, double StdDev, double Min, double Max, IReadOnlyList<double> Percentiles);
