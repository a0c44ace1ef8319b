using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Backtesting.Engine.Data;

namespace Backtesting.Engine.Rules;

/// <summary>
/// sign(sma(p, a) - sma(p, b)) of one price series, compared exactly as the built-in sma_crossover does:
/// window sums of integer-scaled prices, sum_a x b vs sum_b x a, so a tie in the data is a tie here.
/// NaN until both windows are full. Per series the scaled prices and their prefix sums are made once;
/// while every prefix sum and product stays below 2^53 the comparison runs on those whole-number
/// doubles (exact, and cheap per period pair), otherwise on 64- or 128-bit integer window sums.
/// </summary>
internal static class ExactSmaComparison
{
    private const double ExactLimit = 9007199254740992; // 2^53

    private static readonly ConditionalWeakTable<BarSeries, ConcurrentDictionary<string, Prices>> Series = new();

    /// <summary>Writes the signs for bars [0, n) into <paramref name="signs"/>.</summary>
    public static void Signs(BarSeries bars, string series, int a, int b, Span<double> signs)
    {
        var prices = Series.GetValue(bars, _ => new()).GetOrAdd(series, name => new Prices(Scale(bars, name)));
        int n = prices.Scaled.Length;
        int start = Math.Min(Math.Max(a, b) - 1, n);
        signs[..start].Fill(double.NaN);
        int longest = Math.Max(a, b);
        if (prices.Prefix is { } prefix && (double)prices.Largest * longest * longest < ExactLimit)
            FromPrefix(prefix, n, a, b, start, signs);
        else if ((double)prices.Largest * longest * longest < 4e18)
            Narrow(prices.Scaled, a, b, start, signs);
        else
            Wide(prices.Scaled, a, b, start, signs);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FromPrefix(double[] prefix, int n, int a, int b, int start, Span<double> signs)
    {
        double da = a, db = b;
        for (int i = start; i < n; i++)
        {
            // window sums are prefix differences (prefix index = bar + 1), whole numbers below 2^53: exact
            double end = prefix[i + 1];
            double d = (end - prefix[i + 1 - a]) * db - (end - prefix[i + 1 - b]) * da;
            signs[i] = d > 0 ? 1 : d < 0 ? -1 : 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow(long[] scaled, int a, int b, int start, Span<double> signs)
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
    private static void Wide(long[] scaled, int a, int b, int start, Span<double> signs)
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

    /// <summary>The price series scaled to integers (close with the series' own decimals, others with theirs).</summary>
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

    /// <summary>Scaled prices, their largest magnitude, and their prefix sums when all are exact doubles.</summary>
    private sealed class Prices
    {
        public Prices(long[] scaled)
        {
            Scaled = scaled;
            var prefix = new double[scaled.Length + 1];
            long sum = 0, largest = 0;
            bool exact = true;
            for (int i = 0; i < scaled.Length; i++)
            {
                long p = scaled[i];
                largest = Math.Max(largest, Math.Abs(p));
                sum += p;
                if (Math.Abs((double)sum) >= ExactLimit || p < 0) exact = false;
                prefix[i + 1] = sum;
            }
            Largest = largest;
            Prefix = exact ? prefix : null;
        }

        public long[] Scaled { get; }
        public long Largest { get; }
        public double[]? Prefix { get; }
    }
}
