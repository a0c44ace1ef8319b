using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Tests.Indicators;

public sealed class AverageTrueRangeTests
{
    [Fact]
    public void Update_Period3_WilderSmoothingOfTrueRange()
    {
        // (high, low, close): (10, 8, 9), (13, 11, 12), (12.5, 11.5, 12), (11, 9, 10), (10.5, 10, 10.2)
        // TR: bar 0 high - low = 2; bar 1 max(2, |13 - 9|, |11 - 9|) = 4 (gap up);
        //     bar 2 max(1, 0.5, 0.5) = 1; bar 3 max(2, |11 - 12|, |9 - 12|) = 3; bar 4 max(0.5, 0.5, 0) = 0.5
        // ATR: seed (2 + 4 + 1) / 3 = 7/3; (7/3 x 2 + 3) / 3 = 23/9; (23/9 x 2 + 0.5) / 3 = 101/54
        var atr = new AverageTrueRange(3);
        double[] results =
        [
            atr.Update(10, 8, 9),
            atr.Update(13, 11, 12),
            atr.Update(12.5, 11.5, 12),
            atr.Update(11, 9, 10),
            atr.Update(10.5, 10, 10.2),
        ];

        Assert.True(double.IsNaN(results[0]));
        Assert.True(double.IsNaN(results[1]));
        Assert.Equal(7.0 / 3, results[2], 12);
        Assert.Equal(23.0 / 9, results[3], 12);
        Assert.Equal(101.0 / 54, results[4], 12);
    }

    [Fact]
    public void IsReadyAndReset()
    {
        var atr = new AverageTrueRange(2);
        Assert.Equal(2, atr.WarmUpPeriod);
        atr.Update(10, 8, 9);
        Assert.False(atr.IsReady);
        atr.Update(20, 18, 19);
        Assert.True(atr.IsReady);
        atr.Reset();
        Assert.False(atr.IsReady);
        Assert.Equal(0, atr.Samples);
        Assert.True(double.IsNaN(atr.Value));
        // after a reset the first bar's TR is high - low again (no stale previous close 19)
        atr.Update(10, 8, 9);
        Assert.Equal((2 + 3) / 2.0, atr.Update(12, 9, 11), 12);
    }
}
