using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// Mean-reversion signals in one pass, eight or four bars per step: +1 where the value crosses below the lower level, -1 where
/// it crosses above the upper one (which wins on a bar doing both), 0 elsewhere; the same as two
/// <see cref="CrossoverTracker"/>s fed Math.Sign(value - level). A block with no bar exactly on a level (almost every
/// block) is worked out from its sign masks without a branch per bar; the others bar by bar.
/// </summary>
internal static class ReversionScan
{
    /// <summary>Writes 0 before <paramref name="start"/> and the signals from it on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TLevels>(ReadOnlySpan<double> value, in TLevels levels, int start, Span<sbyte> signals)
        where TLevels : struct, IReversionLevels
    {
        int n = value.Length;
        if (signals.Length < n) throw new ArgumentException("signals are shorter than the series", nameof(signals));
        signals[..Math.Min(n, Math.Max(0, start))].Clear();
        int lastLow = 0, lastHigh = 0;
        Range(value, levels, Math.Max(0, start), n, ref lastLow, ref lastHigh, signals);
    }

    /// <summary>
    /// The signals of bars [<paramref name="from"/>, <paramref name="to"/>), each side's last non-zero sign carried in
    /// and out (<paramref name="carriedLow"/>, <paramref name="carriedHigh"/>; 0: none yet), so a series scanned in
    /// consecutive ranges gives the signals of one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Range<TLevels>(ReadOnlySpan<double> value, in TLevels bands, int from, int to, ref int carriedLow, ref int carriedHigh, Span<sbyte> signals)
        where TLevels : struct, IReversionLevels
    {
        int n = to, i = from;
        if (value.Length < to || signals.Length < to) throw new ArgumentException("the range is outside the series or signals");
        // the levels and the carried sides in locals, stored back at the end: through the references the loop reloaded
        // the levels' fields and loaded and stored both sides on every step
        TLevels levels = bands;
        int lastLow = carriedLow, lastHigh = carriedHigh;
        if (Vector512.IsHardwareAccelerated)
        {
            // eight bars per step where the hardware has 512-bit vectors: the same values and rule as the four-bar step
            // below (each level is the same expression per bar, built from two four-bar halves: the lower half's register
            // widened, not a vector kept across steps to insert into), half the steps
            for (; i + 8 <= n; i += 8)
            {
                var v = Vector512.Create(value.Slice(i, 8));
                var low = v - levels.Lower4(i).ToVector512Unsafe().WithUpper(levels.Lower4(i + 4));
                var high = v - levels.Upper4(i).ToVector512Unsafe().WithUpper(levels.Upper4(i + 4));
                uint lowAbove = (uint)Vector512.GreaterThan(low, Vector512<double>.Zero).ExtractMostSignificantBits();
                uint lowBelow = (uint)Vector512.LessThan(low, Vector512<double>.Zero).ExtractMostSignificantBits();
                uint highAbove = (uint)Vector512.GreaterThan(high, Vector512<double>.Zero).ExtractMostSignificantBits();
                uint highBelow = (uint)Vector512.LessThan(high, Vector512<double>.Zero).ExtractMostSignificantBits();
                Step(signals, i, 8, lowAbove, lowBelow, highAbove, highBelow, ref lastLow, ref lastHigh);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                var v = Vector256.Create(value.Slice(i, 4));
                var low = v - levels.Lower4(i);
                var high = v - levels.Upper4(i);
                uint lowAbove = Vector256.GreaterThan(low, Vector256<double>.Zero).ExtractMostSignificantBits();
                uint lowBelow = Vector256.LessThan(low, Vector256<double>.Zero).ExtractMostSignificantBits();
                uint highAbove = Vector256.GreaterThan(high, Vector256<double>.Zero).ExtractMostSignificantBits();
                uint highBelow = Vector256.LessThan(high, Vector256<double>.Zero).ExtractMostSignificantBits();
                Step(signals, i, 4, lowAbove, lowBelow, highAbove, highBelow, ref lastLow, ref lastHigh);
            }
        }
        for (; i < n; i++)
        {
            double low = value[i] - levels.Lower(i), high = value[i] - levels.Upper(i);
            signals[i] = Signal(low > 0 ? 1 : low < 0 ? -1 : 0, high > 0 ? 1 : high < 0 ? -1 : 0, ref lastLow, ref lastHigh);
        }
        carriedLow = lastLow;
        carriedHigh = lastHigh;
    }

    /// <summary>
    /// The signals of the <paramref name="width"/> bars (4 or 8, a constant at each call, so the inlined copy keeps one
    /// width's code) from <paramref name="i"/> on, from their compare masks (bit k: bar i + k above / below each level).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(Span<sbyte> signals, int i, int width, uint lowAbove, uint lowBelow, uint highAbove, uint highBelow, ref int lastLow, ref int lastHigh)
    {
        uint all = (1u << width) - 1, lastBar = 1u << (width - 1);
        if ((lowAbove | lowBelow) == all && (highAbove | highBelow) == all)
        {
            // no bar on a level (the usual case): the last non-zero side before bar k is bar k - 1's (the carried one
            // before bar 0), so the crosses are mask arithmetic and every four bytes one store
            uint wasAboveLow = (lowAbove << 1 | (lastLow > 0 ? 1u : 0u)) & all;
            uint wasBelowHigh = (highBelow << 1 | (lastHigh < 0 ? 1u : 0u)) & all;
            uint buy = lowBelow & wasAboveLow, sell = highAbove & wasBelowHigh;
            FourSignals.Write(signals, i, buy & 0xF, sell & 0xF, buyWins: false);
            if (width == 8) FourSignals.Write(signals, i + 4, buy >> 4, sell >> 4, buyWins: false);
            lastLow = (lowAbove & lastBar) != 0 ? 1 : -1;
            lastHigh = (highAbove & lastBar) != 0 ? 1 : -1;
            return;
        }
        for (int k = 0; k < width; k++)
        {
            int lowSign = (int)((lowAbove >> k) & 1) - (int)((lowBelow >> k) & 1);
            int highSign = (int)((highAbove >> k) & 1) - (int)((highBelow >> k) & 1);
            signals[i + k] = Signal(lowSign, highSign, ref lastLow, ref lastHigh);
        }
    }

    /// <summary>One bar: a cross below the lower level buys, a cross above the upper level sells (and wins).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static sbyte Signal(int lowSign, int highSign, ref int lastLow, ref int lastHigh)
    {
        bool crossedBelow = lowSign < 0 && lastLow > 0;
        bool crossedAbove = highSign > 0 && lastHigh < 0;
        if (lowSign != 0) lastLow = lowSign;
        if (highSign != 0) lastHigh = highSign;
        return crossedAbove ? (sbyte)-1 : crossedBelow ? (sbyte)1 : (sbyte)0;
    }
}
