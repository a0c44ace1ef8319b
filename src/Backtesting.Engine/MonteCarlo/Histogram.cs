namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// Equal-width bins over [min, max] of a metric's values on the paths: <see cref="Edges"/> has one more entry than
/// <see cref="Counts"/>; bin k holds the values in [edge k, edge k+1), the last bin also its right edge (the maximum).
/// The dashboard draws the Monte Carlo histograms from it, so they show the paths themselves, not the percentiles.
/// </summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    /// <summary>Bins of a Monte Carlo distribution: enough to show a shape, few enough to stay a compact summary.</summary>
    public const int DefaultBins = 20;

    /// <summary>
    /// The histogram of values sorted ascending, in <paramref name="bins"/> bins of width (max - min) / bins; a value v
    /// falls in bin floor((v - min) / width), the maximum in the last. All values equal: one bin [v, v]. None: null.
    /// </summary>
    public static Histogram? OfSorted(ReadOnlySpan<double> sorted, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (sorted.IsEmpty) return null;
        double min = sorted[0], max = sorted[^1];
        if (max == min) return new Histogram([min, max], [sorted.Length]);
        double width = (max - min) / bins;
        var edges = new double[bins + 1];
        for (int k = 0; k < bins; k++) edges[k] = min + k * width;
        edges[bins] = max;
        var counts = new int[bins];
        foreach (double v in sorted) counts[Math.Min(bins - 1, (int)Math.Floor((v - min) / width))]++;
        return new Histogram(edges, counts);
    }
}
