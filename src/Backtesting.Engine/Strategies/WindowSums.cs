namespace Backtesting.Engine.Strategies;

/// <summary>Exact rolling-sum kernels over integer-scaled prices.</summary>
public static class WindowSums
{
    /// <summary>
    /// Crossover signals of SMA(fast) against SMA(slow) over scaled prices: sign(sum_f x n_s - sum_s x n_f)
    /// fed to the contract's crossover rule once both windows are full.
    /// </summary>
    public static void Crossovers(ReadOnlySpan<long> prices, int fast, int slow, Span<sbyte> signals)
    {
        int n = prices.Length;
        if (signals.Length < n) throw new ArgumentException("signals is shorter than prices", nameof(signals));
        int start = Math.Max(fast, slow) - 1;
        long sumFast = 0, sumSlow = 0;
        int warm = Math.Min(start, n);
        for (int i = 0; i < warm; i++)
        {
            sumFast += prices[i];
            if (i >= fast) sumFast -= prices[i - fast];
            sumSlow += prices[i];
            if (i >= slow) sumSlow -= prices[i - slow];
            signals[i] = 0;
        }
        int last = 0;
        for (int i = warm; i < n; i++)
        {
            long p = prices[i];
            sumFast += p;
            if (i >= fast) sumFast -= prices[i - fast];
            sumSlow += p;
            if (i >= slow) sumSlow -= prices[i - slow];
            // products of a window sum and a period fit in 128 bits whatever the scale
            int sign = (Math.BigMul(sumFast, (long)slow)).CompareTo(Math.BigMul(sumSlow, (long)fast));
            sbyte cross = 0;
            if (sign != 0)
            {
                if (sign != last && last != 0) cross = (sbyte)sign;
                last = sign;
            }
            signals[i] = cross;
        }
    }
}
