namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// A kernel's indicator series computed ahead of a grid's cells, one part per series (a caller runs the parts on every
/// core), with their arrays reserved first (<see cref="SeriesBuffers.Reserve"/>): for series computed one at a time,
/// as <see cref="PeriodSeries"/> does for those computed four at once.
/// </summary>
internal static class SeriesPreparation
{
    /// <summary>
    /// One part per distinct key not cached yet, as many as the cache has room for (a series computed ahead and dropped
    /// would be computed again on use). <paramref name="scratchPerPart"/>: series-sized arrays a computation rents from
    /// <see cref="SeriesBuffers"/> and returns, reserved for the parts that run at once.
    /// </summary>
    public static IReadOnlyList<Action> Parts(IndicatorSeriesCache cache, int length, IEnumerable<(string Key, Func<double[]> Compute)> series, int scratchPerPart = 0)
    {
        long fits = cache.FreeBytes / Math.Max(1, (long)length * sizeof(double));
        var missing = series.DistinctBy(s => s.Key, StringComparer.Ordinal).Where(s => !cache.Contains(s.Key)).Take((int)Math.Min(fits, int.MaxValue)).ToArray();
        SeriesBuffers.Reserve(missing.Length + scratchPerPart * Math.Min(missing.Length, Environment.ProcessorCount), length);
        return [.. missing.Select(s => (Action)(() => cache.GetOrAdd(s.Key, length, s.Compute)))];
    }
}
