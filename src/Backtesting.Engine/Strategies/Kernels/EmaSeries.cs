namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// EMA series of the closes, one per period, shared through a kernel's cache (ema_crossover and macd_crossover read
/// the same keys). Ahead of a grid, the periods it needs are computed four per pass (<see cref="IndicatorSeries.EmaFour"/>).
/// </summary>
internal static class EmaSeries
{
    public static double[] Get(IndicatorSeriesCache cache, double[] close, int period) =>
        cache.GetOrAdd(Key(period), close.Length, () => IndicatorSeries.Ema(close, period));

    /// <summary>One part per four periods not cached yet (the last part repeats a period to fill its lanes).</summary>
    public static IReadOnlyList<Action> Prepare(IndicatorSeriesCache cache, double[] close, IEnumerable<int> periods)
    {
        int[] missing = [.. periods.Distinct().Where(p => !cache.Contains(Key(p))).Order()];
        var parts = new List<Action>();
        for (int first = 0; first < missing.Length; first += 4)
        {
            int[] four = [.. Enumerable.Range(first, 4).Select(k => missing[Math.Min(k, missing.Length - 1)])];
            parts.Add(() =>
            {
                double[][] series = [new double[close.Length], new double[close.Length], new double[close.Length], new double[close.Length]];
                IndicatorSeries.EmaFour(close, four, series);
                for (int k = 0; k < 4; k++) cache.Add(Key(four[k]), series[k]);
            });
        }
        return parts;
    }

    private static string Key(int period) => $"ema:{period}";
}
