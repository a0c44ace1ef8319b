using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;

namespace Backtesting.Engine.Rules;

/// <summary>
/// sign(sma(p, a) - sma(p, b)) of one price series, compared exactly as the built-in sma_crossover does:
/// window sums of integer-scaled prices, sum_a x b vs sum_b x a (128-bit products when 64 bits could
/// overflow), so a tie in the data is a tie here. NaN until both windows are full.
/// </summary>
internal static class ExactSmaComparison
{
    public static double[] Signs(long[] scaled, int a, int b)
    {
        int n = scaled.Length;
        var signs = new double[n];
        int start = Math.Min(Math.Max(a, b) - 1, n);
        signs.AsSpan(0, start).Fill(double.NaN);
        long largest = 0;
        foreach (long p in scaled) largest = Math.Max(largest, Math.Abs(p));
        int longest = Math.Max(a, b);
        // sum x period <= largest x longest^2: when that fits in 62 bits plain long products are exact
        if ((double)largest * longest * longest < 4e18) Narrow(scaled, a, b, start, signs);
        else Wide(scaled, a, b, start, signs);
        return signs;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow(long[] scaled, int a, int b, int start, double[] signs)
    {
        long sumA = 0, sumB = 0;
        for (int i = 0; i < scaled.Length; i++)
        {
            long p = scaled[i];
            sumA += p;
            if (i >= a) sumA -= scaled[i - a];
            sumB += p;
            if (i >= b) sumB -= scaled[i - b];
            if (i >= start) signs[i] = (sumA * b).CompareTo(sumB * a);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wide(long[] scaled, int a, int b, int start, double[] signs)
    {
        long sumA = 0, sumB = 0;
        for (int i = 0; i < scaled.Length; i++)
        {
            long p = scaled[i];
            sumA += p;
            if (i >= a) sumA -= scaled[i - a];
            sumB += p;
            if (i >= b) sumB -= scaled[i - b];
            // products of a window sum and a period fit in 128 bits whatever the scale
            if (i >= start) signs[i] = Math.Sign(Math.BigMul(sumA, (long)b).CompareTo(Math.BigMul(sumB, (long)a)));
        }
    }

    // scaled prices per bar series, made once and dropped with the bars (a grid compares many period pairs)
    private static readonly ConditionalWeakTable<BarSeries, ConcurrentDictionary<string, long[]>> ScaledSeries = new();

    /// <summary>The price series scaled to integers (close with the series' own decimals, others with theirs).</summary>
    public static long[] Scaled(BarSeries bars, string series) =>
        ScaledSeries.GetValue(bars, _ => new()).GetOrAdd(series, name => Scale(bars, name));

    private static long[] Scale(BarSeries bars, string series)
    {
        double[] prices = series switch
        {
            "open" => bars.Open,
            "high" => bars.High,
            "low" => bars.Low,
            _ => bars.Close,
        };
        int decimals = series == "close" ? bars.PriceDecimals : PriceScale.DetectDecimals(prices);
        return PriceScale.ToScaled(prices, decimals);
    }
}
