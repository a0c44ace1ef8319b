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
}
