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
        signals[..n].Clear();
        int last = 0, i = Math.Max(0, start);
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
