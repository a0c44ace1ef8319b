namespace Backtesting.Engine.Metrics;

/// <summary>Maximum drawdown (fraction below the running peak, the initial capital counting as a peak) and its longest duration.</summary>
public readonly record struct DrawdownStatistics(double MaxDrawdown, int LongestDurationBars)
{
    /// <summary>
    /// Duration is counted in bars from the peak bar to the bar that regains it (or to the last bar
    /// when it is never regained); the initial capital is the peak at bar -1.
    /// </summary>
    public static DrawdownStatistics Compute(ReadOnlySpan<double> equity, double initialCapital)
    {
        double peak = initialCapital, maxDrawdown = 0;
        int peakBar = -1, longest = 0;
        bool underwater = false;
        for (int i = 0; i < equity.Length; i++)
        {
            double e = equity[i];
            if (e >= peak)
            {
                if (underwater && i - peakBar > longest) longest = i - peakBar;
                underwater = false;
                peak = e;
                peakBar = i;
            }
            else
            {
                underwater = true;
                double dd = 1 - e / peak;
                if (dd > maxDrawdown) maxDrawdown = dd;
            }
        }
        if (underwater && equity.Length - 1 - peakBar > longest) longest = equity.Length - 1 - peakBar;
        return new DrawdownStatistics(maxDrawdown, longest);
    }
}
