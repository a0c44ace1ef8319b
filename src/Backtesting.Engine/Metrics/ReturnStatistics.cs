using System.Buffers;
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

        // Two vectorised passes (mean, then squared deviations). The division per bar is the cost, so the first pass
        // keeps each return in a pooled buffer and the second reads it back: the same values, one division per bar.
        var buffer = ArrayPool<double>.Shared.Rent(n);
        try
        {
            Span<double> returns = buffer.AsSpan(0, n);
            double sum = first + SumReturns(equity, riskFreePerPeriod, returns);
            double mean = sum / n;
            double d0 = first - mean;
            (double squares, double downside) = SquaredDeviations(returns, mean);
            squares += d0 * d0;
            if (first < 0) downside += first * first;
            double std = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
            return new ReturnStatistics(mean, std, Math.Sqrt(downside / n));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Sum of r(t) for t >= 1, each r(t) also written to <paramref name="returns"/>[t].</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double SumReturns(ReadOnlySpan<double> e, double rf, Span<double> returns)
    {
        int n = e.Length, i = 1, width = Vector<double>.Count;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n > width + 1)
        {
            var acc = Vector<double>.Zero;
            var offset = new Vector<double>(1 + rf);
            ref double start = ref MemoryMarshal.GetReference(e);
            ref double stored = ref MemoryMarshal.GetReference(returns);
            for (; i + width <= n; i += width)
            {
                var current = Vector.LoadUnsafe(ref start, (nuint)i);
                var previous = Vector.LoadUnsafe(ref start, (nuint)(i - 1));
                var r = current / previous - offset;
                r.StoreUnsafe(ref stored, (nuint)i);
                acc += r;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
        {
            double r = e[i] / e[i - 1] - 1 - rf;
            returns[i] = r;
            sum += r;
        }
        return sum;
    }

    /// <summary>Sum of (r - mean)^2 and of min(r, 0)^2 for t >= 1, over the returns <see cref="SumReturns"/> stored.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (double Squares, double Downside) SquaredDeviations(ReadOnlySpan<double> returns, double mean)
    {
        int n = returns.Length, i = 1, width = Vector<double>.Count;
        double squares = 0, downside = 0;
        if (Vector.IsHardwareAccelerated && n > width + 1)
        {
            var accSquares = Vector<double>.Zero;
            var accDown = Vector<double>.Zero;
            var meanV = new Vector<double>(mean);
            ref double start = ref MemoryMarshal.GetReference(returns);
            for (; i + width <= n; i += width)
            {
                var r = Vector.LoadUnsafe(ref start, (nuint)i);
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
            double r = returns[i];
            double d = r - mean;
            squares += d * d;
            if (r < 0) downside += r * r;
        }
        return (squares, downside);
    }
}
