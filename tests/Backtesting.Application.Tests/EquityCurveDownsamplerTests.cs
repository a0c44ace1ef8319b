using Backtesting.Application.Curves;

namespace Backtesting.Application.Tests;

public class EquityCurveDownsamplerTests
{
    private static EquityCurve Wave(int n) => new(
        Enumerable.Range(0, n).Select(i => (long)i).ToArray(),
        Enumerable.Range(0, n).Select(i => 1000 + 100 * Math.Sin(i / 37.0) + (i == 4321 ? -500 : 0) + (i == 777 ? 400 : 0)).ToArray());

    [Theory]
    [InlineData(10_000, 1000)]
    [InlineData(10_000, 2)]
    [InlineData(10_000, 3)]
    [InlineData(999, 1000)]
    public void Downsample_KeepsAtMostMaxPoints_EndsAndExtremes(int n, int max)
    {
        var curve = Wave(n);
        var sampled = EquityCurveDownsampler.Downsample(curve, max);

        Assert.InRange(sampled.Count, 2, Math.Min(n, max));
        Assert.Equal(sampled.Timestamps.Length, sampled.Values.Length);
        AssertKept(curve, sampled, 0, "first point");
        AssertKept(curve, sampled, n - 1, "last point");
        Assert.True(sampled.Timestamps.Zip(sampled.Timestamps.Skip(1)).All(p => p.First < p.Second), "points out of time order");
        // every kept point is a real (time, value) pair of the input, never an average or a shifted value
        var input = Enumerable.Range(0, n).ToDictionary(i => curve.Timestamps[i], i => curve.Values[i]);
        for (int k = 0; k < sampled.Count; k++)
        {
            Assert.True(input.TryGetValue(sampled.Timestamps[k], out double value), $"kept time {sampled.Timestamps[k]} is not a time of the curve");
            Assert.Equal(value, sampled.Values[k]);
        }
        if (max >= 4)
        {
            // the planted spikes are the global trough (bar 4321: -500) and peak (bar 777: +400)
            AssertKept(curve, sampled, Array.IndexOf(curve.Values, curve.Values.Min()), "global trough");
            AssertKept(curve, sampled, Array.IndexOf(curve.Values, curve.Values.Max()), "global peak");
        }
    }

    [Fact]
    public void Downsample_EveryPeakAndTroughOfTheWave_IsKept()
    {
        // 10,000 points into 1,000: 499 buckets of ~20 points. A point strictly above (or below) every point within
        // 25 bars on each side is the extreme of whichever bucket holds it, so it must survive: these are the sine's
        // crests and troughs (period 2 pi x 37, about 232 bars, so about 86 of them) and the two spikes.
        var curve = Wave(10_000);
        var sampled = EquityCurveDownsampler.Downsample(curve, 1000);
        const int reach = 25;

        var extremes = Enumerable.Range(reach, curve.Count - 2 * reach)
            .Where(i => Enumerable.Range(i - reach, 2 * reach + 1).Where(j => j != i).All(j => curve.Values[j] < curve.Values[i])
                     || Enumerable.Range(i - reach, 2 * reach + 1).Where(j => j != i).All(j => curve.Values[j] > curve.Values[i]))
            .ToArray();

        Assert.InRange(extremes.Length, 80, 90);
        Assert.Contains(777, extremes);
        Assert.Contains(4321, extremes);
        foreach (int i in extremes)
            AssertKept(curve, sampled, i, $"extreme at bar {i}");
    }

    private static void AssertKept(EquityCurve curve, EquityCurve sampled, int index, string what)
    {
        int k = Array.IndexOf(sampled.Timestamps, curve.Timestamps[index]);
        Assert.True(k >= 0, $"{what} (time {curve.Timestamps[index]}) was dropped");
        Assert.Equal(curve.Values[index], sampled.Values[k]);
    }

    [Fact]
    public void Downsample_SmallCurve_ReturnsItUnchanged()
    {
        var curve = Wave(10);
        Assert.Same(curve, EquityCurveDownsampler.Downsample(curve, 10));
    }

    [Fact]
    public void Downsample_MaxBelowTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EquityCurveDownsampler.Downsample(Wave(10), 1));
    }
}
