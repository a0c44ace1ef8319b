using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backtesting.Engine.Data;

/// <summary>
/// Maps prices to integers (price x 10^decimals) so that window sums and comparisons of
/// averages are exact: a tie in the data is a tie in the engine, whatever the float rounding.
/// </summary>
public static class PriceScale
{
    /// <summary>Most decimals honoured exactly; finer prices are rounded to this many.</summary>
    public const int MaxDecimals = 8;

    private static readonly double[] Powers = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

    /// <summary>Smallest number of decimals (0..8) that represents every price exactly.</summary>
    public static int DetectDecimals(ReadOnlySpan<double> prices)
    {
        int decimals = 0;
        foreach (double price in prices)
        {
            while (decimals < MaxDecimals && !IsWhole(price * Powers[decimals]))
                decimals++;
            if (decimals == MaxDecimals)
                break;
        }
        return decimals;
    }

    /// <summary>Writes round(price x 10^decimals) for every price.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToScaled(ReadOnlySpan<double> prices, int decimals, Span<long> scaled)
    {
        double factor = Powers[Math.Clamp(decimals, 0, MaxDecimals)];
        for (int i = 0; i < prices.Length; i++)
            scaled[i] = (long)Math.Round(prices[i] * factor);
    }

    /// <summary>
    /// Writes round(price x 10^decimals) for every price as a double, eight (or four) prices per instruction: the same
    /// product and the same round-half-to-even as the <see cref="long"/> overload, so below 2^53 each value is that
    /// overload's integer exactly (NaN stays NaN and out-of-range values are not clamped: callers check the range).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToScaled(ReadOnlySpan<double> prices, int decimals, Span<double> scaled)
    {
        if (scaled.Length < prices.Length) throw new ArgumentException("scaled is shorter than prices", nameof(scaled));
        double factor = Powers[Math.Clamp(decimals, 0, MaxDecimals)];
        int n = prices.Length, i = 0;
        ref double source = ref MemoryMarshal.GetReference(prices);
        ref double target = ref MemoryMarshal.GetReference(scaled);
        if (Vector512.IsHardwareAccelerated)
        {
            var factorV = Vector512.Create(factor);
            for (; i + 8 <= n; i += 8)
                Vector512.Round(Vector512.LoadUnsafe(ref source, (nuint)i) * factorV).StoreUnsafe(ref target, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var factorV = Vector256.Create(factor);
            for (; i + 4 <= n; i += 4)
                Vector256.Round(Vector256.LoadUnsafe(ref source, (nuint)i) * factorV).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < n; i++)
            Unsafe.Add(ref target, i) = Math.Round(Unsafe.Add(ref source, i) * factor);
    }

    /// <summary>Scaled copies of the prices.</summary>
    public static long[] ToScaled(ReadOnlySpan<double> prices, int decimals)
    {
        var scaled = new long[prices.Length];
        ToScaled(prices, decimals, scaled);
        return scaled;
    }

    private static bool IsWhole(double value)
    {
        // Parsed decimals carry binary error of a few ulps (179.13 x 100 = 17912.999999999998).
        return Math.Abs(value - Math.Round(value)) < 1e-5;
    }
}
