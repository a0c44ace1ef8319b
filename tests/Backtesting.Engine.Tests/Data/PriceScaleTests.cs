using Backtesting.Engine.Data;

namespace Backtesting.Engine.Tests.Data;

public sealed class PriceScaleTests
{
    [Theory]
    [InlineData(new[] { 100.0, 101, 99 }, 0)]
    [InlineData(new[] { 179.13, 182.0 }, 2)]
    [InlineData(new[] { 1.07219, 1.0716 }, 5)]
    [InlineData(new[] { 100.017881, 94.874097 }, 6)]
    [InlineData(new[] { 0.1, 0.2, 0.3 }, 1)]
    public void DetectDecimals_ParsedPrices_SmallestExactScale(double[] prices, int decimals)
    {
        Assert.Equal(decimals, PriceScale.DetectDecimals(prices));
    }

    [Fact]
    public void ToScaled_BinaryNoise_RoundsToTheIntendedInteger()
    {
        // 179.13 x 100 = 17912.999999999998 in doubles; 0.1 + 0.2 = 0.30000000000000004
        Assert.Equal(new long[] { 17913, 18200 }, PriceScale.ToScaled([179.13, 182.0], 2));
        Assert.Equal(new long[] { 3 }, PriceScale.ToScaled([0.1 + 0.2], 1));
    }

    [Fact]
    public void ToScaledDoubles_HalvesNoiseAndTails_EqualTheIntegerOverload()
    {
        // 0.125 x 100 = 12.5 -> 12 and 0.135 x 100 = 13.5 -> 14 (half to even); 179.13 carries binary noise; 11 prices,
        // so the vector loop's last block and a scalar tail are both used
        double[] prices = [0.125, 0.135, 179.13, 182.0, 0.1 + 0.2, 1e-3, 99.995, 2.5, 3.5, 0, 123456.785];
        var expected = PriceScale.ToScaled(prices, 2);
        var scaled = new double[prices.Length];

        PriceScale.ToScaled(prices, 2, scaled);

        Assert.Equal(12, expected[0]);
        Assert.Equal(14, expected[1]);
        Assert.Equal(expected.Select(x => (double)x), scaled);
    }

    [Fact]
    public void ToScaledDoubles_ManyRandomPrices_EqualTheIntegerOverloadForEveryScale()
    {
        var random = new Random(17);
        double[] prices = [.. Enumerable.Range(0, 1001).Select(_ => Math.Round(random.NextDouble() * 5000, random.Next(0, 9)) + random.Next(-1, 2) * 5e-9)];
        var scaled = new double[prices.Length];

        for (int decimals = 0; decimals <= PriceScale.MaxDecimals; decimals++)
        {
            PriceScale.ToScaled(prices, decimals, scaled);
            Assert.Equal(PriceScale.ToScaled(prices, decimals).Select(x => (double)x), scaled);
        }
    }
}
