namespace Backtesting.Engine.MonteCarlo;

/// <summary>Percentiles by linear interpolation between order statistics (numpy's default "linear" method).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="level"/>-th percentile (0..100) of values already sorted ascending.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double level)
    {
        if (sorted.IsEmpty) return double.NaN;
        double position = level / 100 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        if (below >= sorted.Length - 1) return sorted[^1];
        double fraction = position - below;
        return fraction == 0 ? sorted[below] : sorted[below] + (sorted[below + 1] - sorted[below]) * fraction;
    }
}
