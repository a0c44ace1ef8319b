using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Tests.Indicators;

public sealed class SimpleMovingAverageTests
{
    [Fact]
    public void Update_ShortSequence_MeanOfLastPeriodValues()
    {
        // SMA(3) of 1, 2, 3, 4, 10: -, -, 2, 3, (3 + 4 + 10) / 3 = 17/3
        var sma = new SimpleMovingAverage(3);
        double[] values = [1, 2, 3, 4, 10];
        double[] results = values.Select(sma.Update).ToArray();

        Assert.True(double.IsNaN(results[0]));
        Assert.True(double.IsNaN(results[1]));
        Assert.Equal(2, results[2], 12);
        Assert.Equal(3, results[3], 12);
        Assert.Equal(17.0 / 3, results[4], 12);
    }

    [Fact]
    public void IsReady_AfterPeriodValues_AndWarmUpIsPeriod()
    {
        var sma = new SimpleMovingAverage(3);
        Assert.Equal(3, sma.WarmUpPeriod);
        sma.Update(1);
        sma.Update(2);
        Assert.False(sma.IsReady);
        Assert.Equal(2, sma.Samples);
        sma.Update(3);
        Assert.True(sma.IsReady);
    }

    [Fact]
    public void Reset_ForgetsEverything_ThenRecomputesTheSame()
    {
        var sma = new SimpleMovingAverage(2);
        sma.Update(100);
        sma.Update(200);
        sma.Reset();
        Assert.False(sma.IsReady);
        Assert.Equal(0, sma.Samples);
        Assert.True(double.IsNaN(sma.Value));
        sma.Update(1);
        Assert.True(double.IsNaN(sma.Value));
        Assert.Equal(1.5, sma.Update(2), 12);
    }

    [Fact]
    public void Update_LongRun_StaysCloseToExactWindowMean()
    {
        // 10,000 updates with 7-value windows: the running sum must not drift from the window mean
        var sma = new SimpleMovingAverage(7);
        var values = Enumerable.Range(0, 10_000).Select(i => 100 + Math.Sin(i * 0.37) * 50 + i * 0.01).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            double v = sma.Update(values[i]);
            if (i >= 6)
                Assert.Equal(values.Skip(i - 6).Take(7).Average(), v, 9);
        }
    }

    [Fact]
    public void Constructor_NonPositivePeriod_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleMovingAverage(0));
    }
}
