namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// Percentile bands of equity across paths for a fan chart: Values[level][point] is the level-th
/// percentile of the paths' equity at Steps[point].
/// </summary>
public sealed record EquityBands(int[] Steps, long[]? Timestamps, IReadOnlyList<double> Levels, IReadOnlyList<double[]> Values);
