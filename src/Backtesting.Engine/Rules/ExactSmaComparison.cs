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
        bool narrow = (double)largest * longest * longest < 4e18;
        long sumA = 0, sumB = 0;
        for (int i = 0; i < n; i++)
        {
            long p = scaled[i];
            sumA += p;
            if (i >= a) sumA -= scaled[i - a];
            sumB += p;
            if (i >= b) sumB -= scaled[i - b];
            if (i < start) continue;
            signs[i] = Math.Sign(narrow ? (sumA * b).CompareTo(sumB * a) : Math.BigMul(sumA, (long)b).CompareTo(Math.BigMul(sumB, (long)a)));
        }
        return signs;
    }

    /// <summary>The price series scaled to integers (close with the series' own decimals, others with theirs).</summary>
    public static long[] Scaled(BarSeries bars, string series)
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
