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
        Assert.Equal(curve.Timestamps[0], sampled.Timestamps[0]);
        Assert.Equal(curve.Timestamps[^1], sampled.Timestamps[^1]);
        Assert.True(sampled.Timestamps.Zip(sampled.Timestamps.Skip(1)).All(p => p.First < p.Second), "points out of time order");
        if (max >= 4)
        {
            Assert.Contains(curve.Values.Min(), sampled.Values);
            Assert.Contains(curve.Values.Max(), sampled.Values);
        }
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
