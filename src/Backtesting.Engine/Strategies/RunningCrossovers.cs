namespace Backtesting.Engine.Strategies;

/// <summary>
/// The crossover of SMA(fast) against SMA(slow) over integer-scaled prices with its window sums carried from call to
/// call, so a series can be scanned in consecutive ranges over a buffer that holds only the range and the longest
/// window before it. Sums and products are 64-bit integers while they fit (128-bit otherwise): every comparison is exact.
/// </summary>
internal struct RunningCrossovers
{
    private readonly int _fast, _slow, _longest;
    private long _sumFast, _sumSlow;
    private int _last;

    public RunningCrossovers(int fast, int slow)
    {
        _fast = fast;
        _slow = slow;
        _longest = Math.Max(fast, slow);
    }

    /// <summary>Bars the buffer must hold before the first bar of a range (the longest window).</summary>
    public readonly int History => _longest;

    /// <summary>
    /// The signals of bars [<paramref name="from"/>, <paramref name="to"/>), which follow the bars of the previous call:
    /// <paramref name="prices"/>[k] is the price of bar <paramref name="first"/> + k and covers bars
    /// [max(0, from - <see cref="History"/>), to). Bars before the longest window is full get 0.
    /// </summary>
    public void Advance(ReadOnlySpan<long> prices, int first, int from, int to, Span<sbyte> signals)
    {
        int warm = Math.Min(_longest - 1, to);
        for (int i = from; i < warm; i++)
        {
            _sumFast += prices[i - first];
            if (i >= _fast) _sumFast -= prices[i - _fast - first];
            _sumSlow += prices[i - first];
            if (i >= _slow) _sumSlow -= prices[i - _slow - first];
            signals[i] = 0;
        }
        int start = Math.Max(from, warm);
        if (start >= to) return;
        // every sum in this range is of prices in the buffer: sum x period <= largest x longest^2, and when that fits in
        // 62 bits plain long products are exact
        long largest = 0;
        foreach (long p in prices[Math.Max(0, start - _longest - first)..(to - first)]) largest = Math.Max(largest, Math.Abs(p));
        if (largest == 0 || (double)largest * _longest * _longest < 4e18)
            Scan<NarrowCompare>(prices, first, start, to, signals);
        else
            Scan<WideCompare>(prices, first, start, to, signals);
    }

    /// <summary>Compares sumFast / fast with sumSlow / slow exactly, as sumFast x slow against sumSlow x fast.</summary>
    private interface IWindowCompare
    {
        static abstract int Compare(long sumFast, long slow, long sumSlow, long fast);
    }

    /// <summary>Products that fit in 64 bits (checked by the caller).</summary>
    private readonly struct NarrowCompare : IWindowCompare
    {
        public static int Compare(long sumFast, long slow, long sumSlow, long fast) => (sumFast * slow).CompareTo(sumSlow * fast);
    }

    /// <summary>Products of a window sum and a period fit in 128 bits whatever the scale.</summary>
    private readonly struct WideCompare : IWindowCompare
    {
        public static int Compare(long sumFast, long slow, long sumSlow, long fast) => Math.BigMul(sumFast, slow).CompareTo(Math.BigMul(sumSlow, fast));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Scan<TCompare>(ReadOnlySpan<long> prices, int first, int from, int to, Span<sbyte> signals) where TCompare : struct, IWindowCompare
    {
        int fast = _fast, slow = _slow, last = _last;
        long sumFast = _sumFast, sumSlow = _sumSlow;
        for (int i = from; i < to; i++)
        {
            long p = prices[i - first];
            sumFast += p;
            if (i >= fast) sumFast -= prices[i - fast - first];
            sumSlow += p;
            if (i >= slow) sumSlow -= prices[i - slow - first];
            int sign = TCompare.Compare(sumFast, slow, sumSlow, fast);
            sbyte cross = 0;
            if (sign != 0)
            {
                if (sign != last && last != 0) cross = (sbyte)sign;
                last = sign;
            }
            signals[i] = cross;
        }
        (_sumFast, _sumSlow, _last) = (sumFast, sumSlow, last);
    }
}
