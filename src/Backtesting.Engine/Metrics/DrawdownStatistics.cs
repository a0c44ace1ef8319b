using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        int peakBar = -1, longest = 0, i = 0, n = equity.Length;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            ref double start = ref MemoryMarshal.GetReference(equity);
            var peakV = Vector256.Create(peak);
            var lowV = Vector256.Create(double.PositiveInfinity);
            // eight bars per compare where the hardware has 512-bit vectors; the trough is the same minimum either way
            bool eight = Vector512.IsHardwareAccelerated;
            var peak8 = Vector512.Create(peak);
            var low8 = Vector512.Create(double.PositiveInfinity);
            while (i <= n - 4)
            {
                // most bars are under water: a block wholly below the peak can only lower the trough
                if (eight && i <= n - 8)
                {
                    var block8 = Vector512.LoadUnsafe(ref start, (nuint)i);
                    if (Vector512.LessThanAll(block8, peak8))
                    {
                        low8 = Vector512.Min(low8, block8);
                        i += 8;
                        continue;
                    }
                }
                var block = Vector256.LoadUnsafe(ref start, (nuint)i);
                if (Vector256.LessThanAll(block, peakV))
                {
                    lowV = Vector256.Min(lowV, block);
                    i += 4;
                    continue;
                }
                trough = Math.Min(trough, Math.Min(Lowest(lowV), Lowest(Vector256.Min(low8.GetLower(), low8.GetUpper()))));
                lowV = Vector256.Create(double.PositiveInfinity);
                low8 = Vector512.Create(double.PositiveInfinity);
                for (int end = i + 4; i < end; i++)
                    Step(equity[i], i, ref peak, ref trough, ref maxDrawdown, ref peakBar, ref longest);
                peakV = Vector256.Create(peak);
                peak8 = Vector512.Create(peak);
            }
            trough = Math.Min(trough, Math.Min(Lowest(lowV), Lowest(Vector256.Min(low8.GetLower(), low8.GetUpper()))));
        }
        for (; i < n; i++)
            Step(equity[i], i, ref peak, ref trough, ref maxDrawdown, ref peakBar, ref longest);
        if (trough < peak)
        {
            maxDrawdown = Math.Max(maxDrawdown, 1 - trough / peak);
            longest = Math.Max(longest, n - 1 - peakBar);
        }
        return new DrawdownStatistics(maxDrawdown, longest);
    }

    private static double Lowest(Vector256<double> values) =>
        Math.Min(Math.Min(values.GetElement(0), values.GetElement(1)), Math.Min(values.GetElement(2), values.GetElement(3)));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Step(double e, int i, ref double peak, ref double trough, ref double maxDrawdown, ref int peakBar, ref int longest)
    {
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
}
