using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Tests.Indicators;

public sealed class ExponentialMovingAverageTests
{
    [Fact]
    public void Update_Period3_SeedsWithSmaThenAlphaHalf()
    {
        // alpha = 2 / (3 + 1) = 0.5; values 2, 4, 6, 8, 4
        // seed at bar 2: (2 + 4 + 6) / 3 = 4; bar 3: 4 + 0.5 x (8 - 4) = 6; bar 4: 6 + 0.5 x (4 - 6) = 5
        var ema = new ExponentialMovingAverage(3);
        double[] results = new double[] { 2, 4, 6, 8, 4 }.Select(ema.Update).ToArray();

        Assert.True(double.IsNaN(results[0]));
        Assert.True(double.IsNaN(results[1]));
        Assert.Equal(4, results[2], 12);
        Assert.Equal(6, results[3], 12);
        Assert.Equal(5, results[4], 12);
    }

    [Fact]
    public void Update_Period4_UsesAlphaTwoFifths()
    {
        // alpha = 2 / 5 = 0.4; seed (1 + 2 + 3 + 4) / 4 = 2.5; next 2.5 + 0.4 x (10 - 2.5) = 5.5; next 5.5 + 0.4 x (0.5 - 5.5) = 3.5
        var ema = new ExponentialMovingAverage(4);
        double[] results = new double[] { 1, 2, 3, 4, 10, 0.5 }.Select(ema.Update).ToArray();
        Assert.Equal(2.5, results[3], 12);
        Assert.Equal(5.5, results[4], 12);
        Assert.Equal(3.5, results[5], 12);
    }

    [Fact]
    public void IsReadyWarmUpAndReset_BehaveLikeTheOtherIndicators()
    {
        var ema = new ExponentialMovingAverage(3);
        Assert.Equal(3, ema.WarmUpPeriod);
        ema.Update(1);
        ema.Update(1);
        Assert.False(ema.IsReady);
        ema.Update(1);
        Assert.True(ema.IsReady);
        ema.Reset();
        Assert.False(ema.IsReady);
        Assert.Equal(0, ema.Samples);
        Assert.True(double.IsNaN(ema.Value));
        // after a reset the seed is a fresh mean, not polluted by the earlier ones
        ema.Update(3);
        ema.Update(6);
        Assert.Equal(6, ema.Update(9), 12);
    }
}
