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
        long largest = 0;
        foreach (long p in prices) largest = Math.Max(largest, Math.Abs(p));
        int longest = Math.Max(fast, slow);
        // sum x period <= largest x longest^2: when that fits in 62 bits plain long products are exact
        if (largest == 0 || (double)largest * longest * longest < 4e18)
            CrossoversNarrow(prices, fast, slow, signals, warm, sumFast, sumSlow);
        else
            CrossoversWide(prices, fast, slow, signals, warm, sumFast, sumSlow);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void CrossoversNarrow(ReadOnlySpan<long> prices, int fast, int slow, Span<sbyte> signals, int warm, long sumFast, long sumSlow)
    {
        int n = prices.Length, last = 0;
        for (int i = warm; i < n; i++)
        {
            long p = prices[i];
            sumFast += p;
            if (i >= fast) sumFast -= prices[i - fast];
            sumSlow += p;
            if (i >= slow) sumSlow -= prices[i - slow];
            int sign = (sumFast * slow).CompareTo(sumSlow * fast);
            sbyte cross = 0;
            if (sign != 0)
            {
                if (sign != last && last != 0) cross = (sbyte)sign;
                last = sign;
            }
            signals[i] = cross;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void CrossoversWide(ReadOnlySpan<long> prices, int fast, int slow, Span<sbyte> signals, int warm, long sumFast, long sumSlow)
    {
        int n = prices.Length, last = 0;
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
