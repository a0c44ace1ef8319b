using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// The contract's crossover rule over a - b from a start bar on, four bars per step: where all four
/// differences keep the side of the last non-zero one nothing can cross, so only blocks with a sign
/// change are looked at bar by bar. Same output as feeding <see cref="CrossoverTracker"/> with Math.Sign(a - b).
/// </summary>
internal static class CrossoverScan
{
    /// <summary>Writes 0 before <paramref name="start"/> and the crossover signal of a[i] - b[i] from it on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int start, Span<sbyte> signals)
    {
        int n = a.Length;
        if (b.Length < n || signals.Length < n) throw new ArgumentException("series and signals differ in length");
        signals[..Math.Min(n, Math.Max(0, start))].Clear();
        int last = 0;
        Range(a, b, Math.Max(0, start), n, ref last, signals);
    }

    /// <summary>
    /// The signals of bars [<paramref name="from"/>, <paramref name="to"/>), the last non-zero sign carried in and out
    /// (0: none yet), so a series scanned in consecutive ranges gives the signals of one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Range(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int from, int to, ref int last, Span<sbyte> signals)
    {
        int n = to, i = from;
        if (a.Length < to || b.Length < to || signals.Length < to) throw new ArgumentException("the range is outside the series or signals");
        if (from < to) signals[from..to].Clear(); // only crosses are written below
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                var d = Vector256.Create(a.Slice(i, 4)) - Vector256.Create(b.Slice(i, 4));
                uint positive = Vector256.GreaterThan(d, Vector256<double>.Zero).ExtractMostSignificantBits();
                uint negative = Vector256.LessThan(d, Vector256<double>.Zero).ExtractMostSignificantBits();
                MarkFour(positive, negative, ref last, signals, i);
            }
        }
        for (; i < n; i++)
        {
            double d = a[i] - b[i];
            Mark(d > 0 ? 1 : d < 0 ? -1 : 0, ref last, signals, i);
        }
    }

    /// <summary>
    /// The section-4 tie rule for bar <paramref name="i"/> with difference sign <paramref name="sign"/>: a cross when
    /// the sign differs from the last non-zero one (<paramref name="last"/>); a zero neither makes nor clears a cross.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Mark(int sign, ref int last, Span<sbyte> signals, int i)
    {
        if (sign == 0) return;
        if (sign != last && last != 0) signals[i] = (sbyte)sign;
        last = sign;
    }

    /// <summary>
    /// <see cref="Mark"/> for one lane of several series whose signs were recorded per bar, bars [<paramref name="from"/>,
    /// signs.Length): bit <paramref name="lane"/> of a byte set where that lane's difference is positive, bit
    /// <paramref name="lanes"/> + lane where negative. Only a bar with the side opposite the last non-zero one can cross,
    /// so the scan jumps to the next such byte, 32 bytes per compare.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void MarkLane(ReadOnlySpan<byte> signs, int lane, int lanes, int from, ref int last, Span<sbyte> signals)
    {
        byte up = (byte)(1 << lane), down = (byte)(1 << (lanes + lane));
        for (int i = from; i < signs.Length;)
        {
            byte wanted = last > 0 ? down : last < 0 ? up : (byte)(up | down);
            int next = NextWithAny(signs, i, wanted);
            if (next < 0) return;
            Mark((signs[next] & up) != 0 ? 1 : -1, ref last, signals, next);
            i = next + 1;
        }
    }

    /// <summary>The first index from <paramref name="from"/> whose byte has any of <paramref name="bits"/> (-1: none).</summary>
    private static int NextWithAny(ReadOnlySpan<byte> bytes, int from, byte bits)
    {
        int i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            var wanted = Vector256.Create(bits);
            for (; i + 32 <= bytes.Length; i += 32)
            {
                uint none = Vector256.Equals(Vector256.Create(bytes.Slice(i, 32)) & wanted, Vector256<byte>.Zero).ExtractMostSignificantBits();
                if (none != uint.MaxValue) return i + BitOperations.TrailingZeroCount(~none);
            }
        }
        for (; i < bytes.Length; i++)
            if ((bytes[i] & bits) != 0) return i;
        return -1;
    }

    /// <summary>
    /// <see cref="Mark"/> for up to 64 bars from <paramref name="i"/> on, given as masks (bit k: bar i + k's difference is
    /// positive, resp. negative): only a bar on the side opposite the last non-zero one crosses, so the work is one bit
    /// scan per cross rather than a branch per bar.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MarkMasks(ulong positive, ulong negative, ref int last, Span<sbyte> signals, int i)
    {
        while (true)
        {
            ulong opposite = last > 0 ? negative : last < 0 ? positive : positive | negative;
            if (opposite == 0) return;
            int k = BitOperations.TrailingZeroCount(opposite);
            int sign = (int)((positive >> k) & 1) != 0 ? 1 : -1;
            if (last != 0) signals[i + k] = (sbyte)sign;
            last = sign;
            // the bars up to k are done: clear their bits (k = 63 clears all)
            ulong later = (ulong.MaxValue << k) << 1;
            positive &= later;
            negative &= later;
        }
    }

    /// <summary><see cref="Mark"/> for bars i..i+3 from the sign masks of a four-wide compare.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MarkFour(uint positive, uint negative, ref int last, Span<sbyte> signals, int i)
    {
        // the common case: all four bars keep the current side, nothing crosses
        if ((last > 0 && positive == 0xF) || (last < 0 && negative == 0xF)) return;
        for (int k = 0; k < 4; k++)
            Mark((int)((positive >> k) & 1) - (int)((negative >> k) & 1), ref last, signals, i + k);
    }
}
