namespace Backtesting.Engine.Data;

/// <summary>Searches in increasing timestamps (a series' bar times, a portfolio's timeline).</summary>
internal static class TimestampSearch
{
    /// <summary>The first index whose timestamp is >= <paramref name="ticks"/> (the length if none), by bisection.</summary>
    public static int FirstAtOrAfter(ReadOnlySpan<long> timestamps, long ticks)
    {
        int low = 0, high = timestamps.Length;
        while (low < high)
        {
            int middle = low + (high - low) / 2;
            if (timestamps[middle] < ticks) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>
    /// <see cref="FirstAtOrAfter(ReadOnlySpan{long}, long)"/> from index <paramref name="from"/> on, galloping first
    /// (widening [low, high) until timestamps[high] reaches the limit, then bisecting it): an answer k places past
    /// <paramref name="from"/> costs ~2 log2 k reads, however long the series (a day's bars in a long series).
    /// </summary>
    public static int FirstAtOrAfter(ReadOnlySpan<long> timestamps, int from, long ticks)
    {
        int n = timestamps.Length, low = from, step = 1, high = from;
        while (high < n && timestamps[high] < ticks)
        {
            low = high + 1;
            high = (int)Math.Min(n, (long)high + step);
            step <<= 1;
        }
        return low + FirstAtOrAfter(timestamps[low..high], ticks);
    }
}
