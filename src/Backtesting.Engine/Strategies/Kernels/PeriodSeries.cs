namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// One indicator's series of the closes, one per period, shared through a kernel's cache (ema_crossover and
/// macd_crossover read the same EMA keys). Ahead of a grid, the periods it needs are computed four per pass: the
/// indicator is a recurrence whose latency is the cost, and four periods run in the lanes of one vector.
/// </summary>
internal sealed class PeriodSeries(string name, Func<double[], int, double[]> one, Action<double[], int[], double[][]> four)
{
    public static PeriodSeries Ema { get; } = new("ema", IndicatorSeries.Ema, (values, periods, series) => IndicatorSeries.EmaFour(values, periods, series));

    public static PeriodSeries Rsi { get; } = new("rsi", IndicatorSeries.Rsi, (values, periods, series) => IndicatorSeries.RsiFour(values, periods, series));

    public double[] Get(IndicatorSeriesCache cache, double[] close, int period) =>
        cache.GetOrAdd(Key(period), close.Length, () => one(close, period));

    /// <summary>One part per four periods not cached yet, as many as the cache has room for (the last part repeats a period to fill its lanes).</summary>
    public IReadOnlyList<Action> Prepare(IndicatorSeriesCache cache, double[] close, IEnumerable<int> periods)
    {
        // no more than the cache keeps: a series computed ahead and dropped would be computed again on use
        long fits = cache.FreeBytes / Math.Max(1, (long)close.Length * sizeof(double));
        int[] missing = [.. periods.Distinct().Where(p => !cache.Contains(Key(p))).Order().Take((int)Math.Min(fits, int.MaxValue))];
        var parts = new List<Action>();
        SeriesBuffers.Reserve(4 * ((missing.Length + 3) / 4), close.Length);
        for (int first = 0; first < missing.Length; first += 4)
        {
            int[] lanes = [.. Enumerable.Range(first, 4).Select(k => missing[Math.Min(k, missing.Length - 1)])];
            parts.Add(() =>
            {
                // every bar of each is written: any contents will do (a recycled array or an unzeroed fresh one)
                double[][] series = [.. Enumerable.Range(0, 4).Select(_ => SeriesBuffers.Rent(close.Length))];
                four(close, lanes, series);
                // a lane that repeats a period, or one the cache has no room for, goes back for the next series
                for (int k = 0; k < 4; k++)
                    if (!cache.Add(Key(lanes[k]), series[k])) SeriesBuffers.Return(series[k]);
            });
        }
        return parts;
    }

    private string Key(int period) => $"{name}:{period}";
}
