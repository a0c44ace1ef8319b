namespace Backtesting.Engine.Metrics;

/// <summary>Maximum drawdown (fraction below the running peak, the initial capital counting as a peak) and its longest duration.</summary>
public readonly record struct DrawdownStatistics(double MaxDrawdown, int LongestDurationBars)
{
    /// <summary>
    /// Duration is counted in bars from the peak bar to the bar that regains it (or to the last bar
    /// when it is never regained); the initial capital is the peak at bar -1.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static DrawdownStatistics Compute(ReadOnlySpan<double> equity, double initialCapital)
    {
        // Track the trough of each underwater stretch; one division per stretch instead of per bar.
        double peak = initialCapital, trough = initialCapital, maxDrawdown = 0;
        int peakBar = -1, longest = 0;
        for (int i = 0; i < equity.Length; i++)
        {
            double e = equity[i];
            if (e >= peak)
            {
                if (trough < peak)
                {
                    maxDrawdown = Math.Max(maxDrawdown, 1 - trough / peak);
                    longest = Math.Max(longest, i - peakBar);
                }
                peak = trough = e;
                peakBar = i;
            }
            else if (e < trough)
            {
                trough = e;
            }
        }
        if (trough < peak)
        {
            maxDrawdown = Math.Max(maxDrawdown, 1 - trough / peak);
            longest = Math.Max(longest, equity.Length - 1 - peakBar);
        }
        return new DrawdownStatistics(maxDrawdown, longest);
    }
}
