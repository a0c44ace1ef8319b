using System.Numerics;
using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.Tests.Metrics;

/// <summary>
/// <see cref="ReturnStatistics"/> may divide eight bars per instruction on 512-bit hardware; its sums must still be
/// the four-lane loop's bit for bit (the reference results and every grid cell's equality with its single run
/// depend on it). The reference here is that loop written out plainly: lane j of <see cref="Vector{T}"/> takes
/// r(1 + width k + j) in order, the remainder is added one bar at a time after the lanes' sum.
/// </summary>
public sealed class ReturnStatisticsLaneTests
{
    private static ReturnStatistics Reference(double[] e, double initial, double rf)
    {
        int n = e.Length, width = Vector<double>.Count;
        double first = e[0] / initial - 1 - rf;
        bool lanes = Vector.IsHardwareAccelerated && n > width + 1;
        int vectorEnd = lanes ? 1 + (n - 1) / width * width : 1;

        var offset = new Vector<double>(1 + rf);
        Vector<double> At(int i) => new Vector<double>(e.AsSpan(i, width)) / new Vector<double>(e.AsSpan(i - 1, width)) - offset;
        double Scalar(int i) => e[i] / e[i - 1] - 1 - rf;

        var acc = Vector<double>.Zero;
        for (int i = 1; i < vectorEnd; i += width) acc += At(i);
        double tail = lanes ? Vector.Sum(acc) : 0;
        for (int i = vectorEnd; i < n; i++) tail += Scalar(i);
        double sum = first + tail;
        double mean = sum / n;

        var squaresV = Vector<double>.Zero;
        var downV = Vector<double>.Zero;
        var meanV = new Vector<double>(mean);
        for (int i = 1; i < vectorEnd; i += width)
        {
            var r = At(i);
            var d = r - meanV;
            squaresV += d * d;
            var negative = Vector.Min(r, Vector<double>.Zero);
            downV += negative * negative;
        }
        double squares = lanes ? Vector.Sum(squaresV) : 0, downside = lanes ? Vector.Sum(downV) : 0;
        for (int i = vectorEnd; i < n; i++)
        {
            double r = Scalar(i), d = r - mean;
            squares += d * d;
            if (r < 0) downside += r * r;
        }
        double d0 = first - mean;
        squares += d0 * d0;
        if (first < 0) downside += first * first;
        return new ReturnStatistics(mean, n > 1 ? Math.Sqrt(squares / (n - 1)) : 0, Math.Sqrt(downside / n));
    }

    /// <summary>Equity with flat stretches (no position), moves of either sign and exact repeats.</summary>
    private static double[] Curve(int length, int seed)
    {
        var random = new Random(seed);
        var equity = new double[length];
        double e = 100_000;
        for (int t = 0; t < length; t++)
        {
            if (random.Next(3) > 0) e *= 1 + 0.01 * (2 * random.NextDouble() - 1);
            equity[t] = e;
        }
        return equity;
    }

    public static TheoryData<int, double> Lengths()
    {
        var data = new TheoryData<int, double>();
        // every remainder modulo 8 around the lanes' start (n > width + 1) and on long curves
        for (int length = 1; length <= 40; length++) data.Add(length, length % 3 == 0 ? 0.0001 : 0);
        for (int length = 100_000; length <= 100_008; length++) data.Add(length, length % 2 == 0 ? 0 : 0.00003);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Compute_AnyLength_EqualsTheFourLaneLoopBitForBit(int length, double riskFreePerPeriod)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var equity = Curve(length, seed * 7919 + length);
            var expected = Reference(equity, 100_000, riskFreePerPeriod);
            var actual = ReturnStatistics.Compute(equity, 100_000, riskFreePerPeriod);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Mean), BitConverter.DoubleToInt64Bits(actual.Mean));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.StdDev), BitConverter.DoubleToInt64Bits(actual.StdDev));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.DownsideDeviation), BitConverter.DoubleToInt64Bits(actual.DownsideDeviation));
        }
    }
}
