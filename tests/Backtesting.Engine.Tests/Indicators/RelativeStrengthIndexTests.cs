using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Tests.Indicators;

public sealed class RelativeStrengthIndexTests
{
    [Fact]
    public void Update_Period3_WilderSmoothing()
    {
        // closes 10, 11, 10.5, 12, 11, 11.5 -> changes +1, -0.5, +1.5, -1, +0.5
        // seed over the first 3 changes: avg gain (1 + 0 + 1.5) / 3 = 5/6, avg loss 0.5 / 3 = 1/6
        //   RSI = 100 - 100 / (1 + 5) = 83.333...
        // change -1: gain (5/6 x 2 + 0) / 3 = 5/9, loss (1/6 x 2 + 1) / 3 = 4/9, RS 5/4, RSI = 100 - 100 / 2.25 = 55.555...
        // change +0.5: gain (5/9 x 2 + 0.5) / 3 = 29/54, loss (4/9 x 2) / 3 = 16/54, RS 29/16, RSI = 100 - 100 / (45/16) = 64.444...
        var rsi = new RelativeStrengthIndex(3);
        double[] results = new[] { 10, 11, 10.5, 12, 11, 11.5 }.Select(rsi.Update).ToArray();

        Assert.All(results.Take(3), r => Assert.True(double.IsNaN(r)));
        Assert.Equal(100 - 100 / 6.0, results[3], 10);
        Assert.Equal(100 - 100 / 2.25, results[4], 10);
        Assert.Equal(100 - 100 / (45.0 / 16), results[5], 10);
    }

    [Fact]
    public void Update_OnlyGains_Is100()
    {
        var rsi = new RelativeStrengthIndex(2);
        double[] results = new double[] { 1, 2, 3, 4 }.Select(rsi.Update).ToArray();
        Assert.Equal(100, results[2]);
        Assert.Equal(100, results[3]);
    }

    [Fact]
    public void Update_OnlyLosses_Is0()
    {
        var rsi = new RelativeStrengthIndex(2);
        double[] results = new double[] { 4, 3, 2, 1 }.Select(rsi.Update).ToArray();
        Assert.Equal(0, results[3], 12);
    }

    [Fact]
    public void IsReady_NeedsPeriodChangesSoPeriodPlusOneValues()
    {
        var rsi = new RelativeStrengthIndex(3);
        Assert.Equal(4, rsi.WarmUpPeriod);
        rsi.Update(1);
        rsi.Update(2);
        rsi.Update(1);
        Assert.False(rsi.IsReady);
        rsi.Update(2);
        Assert.True(rsi.IsReady);
        rsi.Reset();
        Assert.False(rsi.IsReady);
        Assert.Equal(0, rsi.Samples);
        Assert.True(double.IsNaN(rsi.Value));
    }
}
