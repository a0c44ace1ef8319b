using Backtesting.Engine.Data;

namespace Backtesting.Engine.Metrics;

/// <summary>
/// Annualisation factor A from bar spacing: 252 for daily bars, 52 weekly, 12 monthly,
/// 252 x (median bars per calendar day) for intraday bars.
/// </summary>
public static class PeriodsPerYear
{
    public const double Daily = 252;

    public static double Infer(ReadOnlySpan<long> timestamps)
    {
        if (timestamps.Length < 2) return Daily;
        double barsPerDay = MedianBarsPerCalendarDay(timestamps);
        if (barsPerDay > 1) return Daily * barsPerDay;
        double spacingDays = MedianSpacingDays(timestamps);
        return spacingDays switch
        {
            <= 4 => Daily,
            <= 10 => 52,
            <= 45 => 12,
            <= 120 => 4,
            _ => 1,
        };
    }

    private static double MedianBarsPerCalendarDay(ReadOnlySpan<long> timestamps)
    {
        // timestamps increase, so a day's bars are a run that ends where a bar reaches the next midnight: that bar is
        // found by a galloping search from the day's first bar, a few dozen reads per day instead of one per bar (a 1M
        // minute-bar series spends ~0.3 ms reading 8 MB of timestamps otherwise)
        var counts = new List<int>();
        int n = timestamps.Length;
        for (int start = 0; start < n;)
        {
            long nextDay = (timestamps[start] / TimeSpan.TicksPerDay + 1) * TimeSpan.TicksPerDay;
            int end = TimestampSearch.FirstAtOrAfter(timestamps, start + 1, nextDay);
            counts.Add(end - start);
            start = end;
        }
        counts.Sort();
        return Median(counts.Select(c => (double)c).ToArray());
    }

    private static double MedianSpacingDays(ReadOnlySpan<long> timestamps)
    {
        var gaps = new double[timestamps.Length - 1];
        for (int i = 1; i < timestamps.Length; i++)
            gaps[i - 1] = (timestamps[i] - timestamps[i - 1]) / (double)TimeSpan.TicksPerDay;
        Array.Sort(gaps);
        return Median(gaps);
    }

    private static double Median(double[] sorted)
    {
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
