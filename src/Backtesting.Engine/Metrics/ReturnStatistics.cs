using System.Numerics;
using System.Runtime.InteropServices;

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
            for (; i + width <= n; i += width)
            {
                var r = Returns(ref start, i, offset);
                var d = r - meanV;
                accSquares += d * d;
                var negative = Vector.Min(r, Vector<double>.Zero);
                accDown += negative * negative;
            }
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

    /// <summary>r(t) for the lanes from <paramref name="i"/> on: E(t)/E(t-1) - (1 + rf).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Returns(ref double start, int i, Vector<double> offset) =>
        Vector.LoadUnsafe(ref start, (nuint)i) / Vector.LoadUnsafe(ref start, (nuint)(i - 1)) - offset;

    /// <summary>r(t) of the scalar tail: E(t)/E(t-1) - 1 - rf.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double Return(ReadOnlySpan<double> e, int i, double rf) => e[i] / e[i - 1] - 1 - rf;
}
