using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backtesting.Engine.Metrics;

/// <summary>Mean, sample standard deviation (ddof 1) and downside deviation of per-bar returns, as a span kernel.</summary>
public readonly record struct ReturnStatistics(double Mean, double StdDev, double DownsideDeviation)
{
    /// <summary>Statistics of r(t) = E(t)/E(t-1) - 1 - riskFreePerPeriod with E(-1) = initial capital.</summary>
    public static ReturnStatistics Compute(ReadOnlySpan<double> equity, double initialCapital, double riskFreePerPeriod = 0)
    {
        int n = equity.Length;
        if (n == 0) return new ReturnStatistics(0, 0, 0);
        double first = equity[0] / initialCapital - 1 - riskFreePerPeriod;

        // Two vectorised passes (mean, then squared deviations), the second computing each return again with the same
        // expression: a division per bar costs less than writing and reading back a buffer of the series' size, which
        // in a fresh process is also memory the kernel must first map in.
        double sum = first + SumReturns(equity, riskFreePerPeriod);
        double mean = sum / n;
        double d0 = first - mean;
        (double squares, double downside) = SquaredDeviations(equity, riskFreePerPeriod, mean);
        squares += d0 * d0;
        if (first < 0) downside += first * first;
        double std = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
        return new ReturnStatistics(mean, std, Math.Sqrt(downside / n));
    }

    /// <summary>Sum of r(t) for t >= 1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double SumReturns(ReadOnlySpan<double> e, double rf)
    {
        int n = e.Length, i = 1, width = Vector<double>.Count;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n > width + 1)
        {
            var acc = Vector<double>.Zero;
            var offset = new Vector<double>(1 + rf);
            ref double start = ref MemoryMarshal.GetReference(e);
            if (EightPerDivision)
            {
                var offset8 = Vector512.Create(1 + rf);
                for (; i + 2 * width <= n; i += 2 * width)
                {
                    var r = Returns8(ref start, i, offset8);
                    acc += r.GetLower().AsVector();
                    acc += r.GetUpper().AsVector();
                }
            }
            for (; i + width <= n; i += width)
                acc += Returns(ref start, i, offset);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
            sum += Return(e, i, rf);
        return sum;
    }

    /// <summary>Sum of (r - mean)^2 and of min(r, 0)^2 for t >= 1, each r(t) computed as <see cref="SumReturns"/> does (same lanes, same tail).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (double Squares, double Downside) SquaredDeviations(ReadOnlySpan<double> e, double rf, double mean)
    {
        int n = e.Length, i = 1, width = Vector<double>.Count;
        double squares = 0, downside = 0;
        if (Vector.IsHardwareAccelerated && n > width + 1)
        {
            var accSquares = Vector<double>.Zero;
            var accDown = Vector<double>.Zero;
            var meanV = new Vector<double>(mean);
            var offset = new Vector<double>(1 + rf);
            ref double start = ref MemoryMarshal.GetReference(e);
            if (EightPerDivision)
            {
                var offset8 = Vector512.Create(1 + rf);
                for (; i + 2 * width <= n; i += 2 * width)
                {
                    var r = Returns8(ref start, i, offset8);
                    Deviations(r.GetLower().AsVector(), meanV, ref accSquares, ref accDown);
                    Deviations(r.GetUpper().AsVector(), meanV, ref accSquares, ref accDown);
                }
            }
            for (; i + width <= n; i += width)
                Deviations(Returns(ref start, i, offset), meanV, ref accSquares, ref accDown);
            squares = Vector.Sum(accSquares);
            downside = Vector.Sum(accDown);
        }
        for (; i < n; i++)
        {
            double r = Return(e, i, rf);
            double d = r - mean;
            squares += d * d;
            if (r < 0) downside += r * r;
        }
        return (squares, downside);
    }

    /// <summary>Adds one block's (r - mean)^2 and min(r, 0)^2 to the lanes.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Deviations(Vector<double> r, Vector<double> meanV, ref Vector<double> accSquares, ref Vector<double> accDown)
    {
        var d = r - meanV;
        accSquares += d * d;
        var negative = Vector.Min(r, Vector<double>.Zero);
        accDown += negative * negative;
    }

    /// <summary>
    /// Whether the passes divide eight bars per instruction and add them as two four-lane blocks, in order, to the same
    /// four lanes: on 512-bit hardware whose <see cref="Vector{T}"/> has four doubles the division is the bound (a 512-bit
    /// divide costs about as much as a 256-bit one here), and a quotient does not depend on the width that computed it,
    /// so the sums are the four-lane loop's bit for bit.
    /// </summary>
    private static bool EightPerDivision => Vector<double>.Count == 4 && Vector512.IsHardwareAccelerated;

    /// <summary>r(t) of eight bars from <paramref name="i"/> on, each lane as <see cref="Returns"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Returns8(ref double start, int i, Vector512<double> offset) =>
        Vector512.LoadUnsafe(ref start, (nuint)i) / Vector512.LoadUnsafe(ref start, (nuint)(i - 1)) - offset;

    /// <summary>r(t) for the lanes from <paramref name="i"/> on: E(t)/E(t-1) - (1 + rf).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Returns(ref double start, int i, Vector<double> offset) =>
        Vector.LoadUnsafe(ref start, (nuint)i) / Vector.LoadUnsafe(ref start, (nuint)(i - 1)) - offset;

    /// <summary>r(t) of the scalar tail: E(t)/E(t-1) - 1 - rf.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double Return(ReadOnlySpan<double> e, int i, double rf) => e[i] / e[i - 1] - 1 - rf;
}
