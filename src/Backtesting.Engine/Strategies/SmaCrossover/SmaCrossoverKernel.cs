using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Strategies.SmaCrossover;

/// <summary>
/// sma_crossover signals for any (fast, slow) from prefix sums of the integer-scaled closes. Window sums are prefix
/// differences; while every prefix sum and every product sum x period stays below 2^53 they are whole numbers a double
/// holds exactly, so the comparison sum_fast x n_slow vs sum_slow x n_fast runs four bars per instruction in doubles and
/// still equals <see cref="WindowSums.Crossovers"/> exactly; otherwise 64-bit integer window sums give the same signals.
/// The first call (all a single run makes) keeps the prefix sums of only the current 1,024-bar block and the longest
/// window before it, so it allocates nothing of the series' size; later calls (a grid's cells) share prefix sums of the
/// whole series, built once.
/// </summary>
internal sealed class SmaCrossoverKernel : ISignalKernel, IDisposable
{
    private const double ExactLimit = 9007199254740992; // 2^53
    private const int Block = 1024;

    private readonly BarSeries _bars;
    private int _calls;
    private PrefixSums? _prefix;
    private object? _prefixGate;

    public SmaCrossoverKernel(BarSeries bars)
    {
        _bars = bars;
    }

    /// <summary>The prefix sums of the scaled closes (pooled) and the largest scaled close; null sums: not exact in doubles.</summary>
    private sealed class PrefixSums(double[]? sums, long largest)
    {
        public double[]? Sums { get; set; } = sums;
        public long Largest { get; } = largest;
    }

    // Fully optimised at once: built once per grid and this loop covers every bar.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PrefixSums BuildPrefix(BarSeries bars)
    {
        int n = bars.Count;
        // scaled in blocks, so nothing of the series' size is allocated besides the prefix sums
        Span<long> scaled = stackalloc long[Block];
        long largest = 0, sum = 0;
        bool exact = true;
        // pooled: the kernel is disposed after its grid, so the next one reuses the array
        var prefix = ArrayPool<double>.Shared.Rent(n + 1);
        prefix[0] = 0;
        for (int from = 0; from < n; from += Block)
        {
            int length = Math.Min(Block, n - from);
            PriceScale.ToScaled(bars.Close.AsSpan(from, length), bars.PriceDecimals, scaled[..length]);
            for (int k = 0; k < length; k++)
            {
                long p = scaled[k];
                largest = Math.Max(largest, Math.Abs(p));
                sum += p;
                if (Math.Abs((double)sum) >= ExactLimit || p < 0) exact = false;
                prefix[from + k + 1] = sum;
            }
        }
        if (exact) return new PrefixSums(prefix, largest);
        ArrayPool<double>.Shared.Return(prefix);
        return new PrefixSums(null, largest);
    }

    public void Dispose()
    {
        if (_prefix?.Sums is { } sums) ArrayPool<double>.Shared.Return(sums);
        if (_prefix is not null) _prefix.Sums = null;
    }

    /// <summary>Number of bars.</summary>
    public int Count => _bars.Count;

    public void Generate(ParameterSet parameters, Span<sbyte> signals) =>
        Generate(parameters.GetInt("fast_period"), parameters.GetInt("slow_period"), signals);

    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, "fast_period", "slow_period");

    /// <summary>Writes the crossover signal of every bar.</summary>
    public void Generate(int fast, int slow, Span<sbyte> signals)
    {
        int n = _bars.Count;
        if (signals.Length < n) throw new ArgumentException("signals is shorter than the series", nameof(signals));
        if (fast <= 0 || slow <= 0)
        {
            ExactIntegers(fast, slow, signals);
            return;
        }
        if (Interlocked.Increment(ref _calls) == 1)
        {
            Running(fast, slow, signals);
            return;
        }
        var prefix = LazyInitializer.EnsureInitialized(ref _prefix, ref _prefixGate, () => BuildPrefix(_bars));
        int longest = Math.Max(fast, slow);
        if (prefix.Sums is not { } sums || (double)prefix.Largest * longest * longest >= ExactLimit)
        {
            ExactIntegers(fast, slow, signals);
            return;
        }
        signals[..n].Clear();
        int start = longest - 1;
        if (start >= n) return;
        int last = 0;
        Crossovers(sums, 0, fast, slow, start, n, ref last, signals);
    }

    /// <summary>
    /// The prefix-sum comparison block by block: prefix sums of the closes scaled 1,024 at a time, counted from a start
    /// that moves with the blocks (the longest window is kept in front, rebased to 0), so no array of the series' size
    /// is needed. When a block's sums or products would leave the whole numbers doubles hold exactly, the call is redone
    /// in 64-bit integers (<see cref="RunningIntegers"/>): rare, and the same signals.
    /// </summary>
    private void Running(int fast, int slow, Span<sbyte> signals)
    {
        signals[.._bars.Count].Clear();
        if (!LocalPrefix(fast, slow, signals))
            RunningIntegers(fast, slow, signals);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool LocalPrefix(int fast, int slow, Span<sbyte> signals)
    {
        int n = _bars.Count, longest = Math.Max(fast, slow);
        double[] prefix = ArrayPool<double>.Shared.Rent(longest + Block + 1);
        Span<double> scaled = stackalloc double[Block];
        try
        {
            int first = 0, held = 0, last = 0; // prefix[k] = sum of the scaled closes of bars [first, first + k), k <= held
            double largest = 0;
            prefix[0] = 0;
            for (int from = 0; from < n; from += Block)
            {
                int to = Math.Min(n, from + Block), length = to - from;
                PriceScale.ToScaled(_bars.Close.AsSpan(from, length), _bars.PriceDecimals, scaled[..length]);
                if (!AppendPrefix(scaled[..length], prefix.AsSpan(held, length + 1), ref largest)) return false;
                held += length;
                // prices are >= 0, so the last sum is the largest: below 2^53 every sum above is exact
                if (prefix[held] >= ExactLimit || largest * longest * longest >= ExactLimit) return false;
                int start = Math.Max(from, longest - 1);
                if (start < to) Crossovers(prefix, first, fast, slow, start, to, ref last, signals);
                int keep = Math.Min(longest, held), shift = held - keep;
                double rebase = prefix[shift];
                for (int k = 0; k <= keep; k++) prefix[k] = prefix[shift + k] - rebase;
                first += shift;
                held = keep;
            }
            return true;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(prefix);
        }
    }

    /// <summary>
    /// prefix[k + 1] = prefix[k] + scaled[k] for every scaled close, and the largest of them; false at a negative or NaN
    /// one (the integer path's case). The sums are of whole numbers: while they stay below 2^53 (the caller checks the
    /// last) every partial sum is exact in any order, so adding four bars at once in a vector scan gives the sums of one
    /// bar at a time bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AppendPrefix(ReadOnlySpan<double> scaled, Span<double> prefix, ref double largest)
    {
        int length = scaled.Length, k = 0;
        ref double values = ref MemoryMarshal.GetReference(scaled);
        ref double sums = ref MemoryMarshal.GetReference(prefix);
        double sum = sums, most = largest;
        if (Avx2.IsSupported && length >= 4)
        {
            var zero = Vector256<double>.Zero;
            var carry = Vector256.Create(sum);
            var mostV = Vector256.Create(most);
            var valid = Vector256<double>.AllBitsSet;
            for (; k + 4 <= length; k += 4)
            {
                var v = Vector256.LoadUnsafe(ref values, (nuint)k);
                valid &= Vector256.GreaterThanOrEqual(v, zero); // false for a negative price and for NaN
                mostV = Vector256.Max(mostV, v);
                // in-register scan: [a, b, c, d] -> [a, a+b, b+c, c+d] -> [a, a+b, a+b+c, a+b+c+d]
                v += Avx.Blend(Avx2.Permute4x64(v, 0b10_01_00_00), zero, 0b0001);
                v += Avx.Blend(Avx2.Permute4x64(v, 0b01_00_00_00), zero, 0b0011);
                v += carry;
                v.StoreUnsafe(ref sums, (nuint)(k + 1));
                carry = Avx2.Permute4x64(v, 0b11_11_11_11);
            }
            if (valid.ExtractMostSignificantBits() != 0xF) return false;
            sum = carry.ToScalar();
            most = Math.Max(Math.Max(mostV[0], mostV[1]), Math.Max(mostV[2], mostV[3]));
        }
        for (; k < length; k++)
        {
            double p = Unsafe.Add(ref values, k);
            if (!(p >= 0)) return false;
            most = Math.Max(most, p);
            sum += p;
            Unsafe.Add(ref sums, k + 1) = sum;
        }
        largest = most;
        return true;
    }

    /// <summary>
    /// <see cref="WindowSums.Crossovers"/> block by block: the closes are scaled into a buffer that keeps the longest
    /// window of the previous blocks in front, so the running sums read every price they drop.
    /// </summary>
    private void RunningIntegers(int fast, int slow, Span<sbyte> signals)
    {
        int n = _bars.Count;
        var scan = new RunningCrossovers(fast, slow);
        int history = scan.History;
        long[] buffer = ArrayPool<long>.Shared.Rent(history + Block);
        try
        {
            int first = 0, kept = 0; // buffer[0..kept) holds bars [first, first + kept)
            for (int from = 0; from < n; from += Block)
            {
                int to = Math.Min(n, from + Block);
                PriceScale.ToScaled(_bars.Close.AsSpan(from, to - from), _bars.PriceDecimals, buffer.AsSpan(kept, to - from));
                scan.Advance(buffer.AsSpan(0, kept + to - from), first, from, to, signals);
                // keep the last `history` bars for the next block's dropped prices
                int held = kept + to - from, keep = Math.Min(history, held);
                buffer.AsSpan(held - keep, keep).CopyTo(buffer);
                first = to - keep;
                kept = keep;
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(buffer);
        }
    }

    /// <summary>The fallback: window sums of the scaled prices in 64-bit integers (rescaled per call: rare, and nothing kept).</summary>
    private void ExactIntegers(int fast, int slow, Span<sbyte> signals)
    {
        int n = _bars.Count;
        long[] scaled = ArrayPool<long>.Shared.Rent(n);
        try
        {
            PriceScale.ToScaled(_bars.Close, _bars.PriceDecimals, scaled.AsSpan(0, n));
            WindowSums.Crossovers(scaled.AsSpan(0, n), fast, slow, signals);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(scaled);
        }
    }

    /// <summary>
    /// The crossover signals of bars [<paramref name="from"/>, <paramref name="to"/>) from prefix sums where
    /// prefix[k] is the sum of bars [<paramref name="first"/>, first + k); the last non-zero sign is carried in and out.
    /// Only crosses are written (the caller clears the signals). The signs of 64 bars are gathered as bit masks, eight (or
    /// four) bars per compare, and the crosses found from the masks (<see cref="CrossoverScan.MarkMasks"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Crossovers(double[] prefix, int first, int fast, int slow, int from, int to, ref int last, Span<sbyte> signals)
    {
        double fastD = fast, slowD = slow;
        ref double p = ref prefix[0];
        for (int chunk = from; chunk < to; chunk += 64)
        {
            int end = Math.Min(to, chunk + 64), i = chunk;
            ulong positive = 0, negative = 0;
            // d = sum_fast x slow - sum_slow x fast for each bar (prefix index = bar + 1 - first); the same expression in
            // every lane and in the scalar tail, so the signs do not depend on the width that computed them
            if (Vector512.IsHardwareAccelerated)
            {
                var fastV = Vector512.Create(fastD);
                var slowV = Vector512.Create(slowD);
                for (; i + 8 <= end; i += 8)
                {
                    nuint at = (nuint)(i + 1 - first);
                    var sum = Vector512.LoadUnsafe(ref p, at);
                    var d = (sum - Vector512.LoadUnsafe(ref p, at - (nuint)fast)) * slowV
                          - (sum - Vector512.LoadUnsafe(ref p, at - (nuint)slow)) * fastV;
                    positive |= Vector512.GreaterThan(d, Vector512<double>.Zero).ExtractMostSignificantBits() << (i - chunk);
                    negative |= Vector512.LessThan(d, Vector512<double>.Zero).ExtractMostSignificantBits() << (i - chunk);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var fastV = Vector256.Create(fastD);
                var slowV = Vector256.Create(slowD);
                for (; i + 4 <= end; i += 4)
                {
                    nuint at = (nuint)(i + 1 - first);
                    var sum = Vector256.LoadUnsafe(ref p, at);
                    var d = (sum - Vector256.LoadUnsafe(ref p, at - (nuint)fast)) * slowV
                          - (sum - Vector256.LoadUnsafe(ref p, at - (nuint)slow)) * fastV;
                    positive |= (ulong)Vector256.GreaterThan(d, Vector256<double>.Zero).ExtractMostSignificantBits() << (i - chunk);
                    negative |= (ulong)Vector256.LessThan(d, Vector256<double>.Zero).ExtractMostSignificantBits() << (i - chunk);
                }
            }
            for (; i < end; i++)
            {
                int at = i + 1 - first;
                double d = (prefix[at] - prefix[at - fast]) * slowD - (prefix[at] - prefix[at - slow]) * fastD;
                if (d > 0) positive |= 1UL << (i - chunk);
                else if (d < 0) negative |= 1UL << (i - chunk);
            }
            CrossoverScan.MarkMasks(positive, negative, ref last, signals, chunk);
        }
    }
}
