using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Tests.Indicators;

public sealed class MovingAverageConvergenceDivergenceTests
{
    [Fact]
    public void Update_Periods2_3_2_HandComputed()
    {
        // closes 1, 2, 3, 5, 4, 6
        // EMA2 (alpha 2/3): seed 3/2 at bar 1, 5/2, 25/6, 73/18, 289/54
        // EMA3 (alpha 1/2): seed 2 at bar 2, 7/2, 15/4, 39/8
        // line from bar 2: 1/2, 2/3, 11/36, 103/216
        // signal = EMA2 of the line: seed (1/2 + 2/3) / 2 = 7/12 at bar 3, then 43/108, 73/162
        // histogram at bar 5: 103/216 - 73/162 = 17/648
        var macd = new MovingAverageConvergenceDivergence(2, 3, 2);
        double[] closes = [1, 2, 3, 5, 4, 6];
        var line = new double[6];
        var signal = new double[6];
        bool[] ready = new bool[6];
        for (int i = 0; i < closes.Length; i++)
        {
            macd.Update(closes[i]);
            line[i] = macd.Line;
            signal[i] = macd.Signal;
            ready[i] = macd.IsReady;
        }

        Assert.Equal(new[] { false, false, false, true, true, true }, ready);
        Assert.True(double.IsNaN(line[1]));
        Assert.Equal(0.5, line[2], 12);
        Assert.Equal(2.0 / 3, line[3], 12);
        Assert.Equal(11.0 / 36, line[4], 12);
        Assert.Equal(103.0 / 216, line[5], 12);
        Assert.Equal(7.0 / 12, signal[3], 12);
        Assert.Equal(43.0 / 108, signal[4], 12);
        Assert.Equal(73.0 / 162, signal[5], 12);
        Assert.Equal(17.0 / 648, macd.Histogram, 12);
    }

    [Fact]
    public void WarmUpPeriod_IsSlowPlusSignalMinusOne()
    {
        var macd = new MovingAverageConvergenceDivergence(12, 26, 9);
        Assert.Equal(34, macd.WarmUpPeriod);
        for (int i = 0; i < 33; i++) macd.Update(100 + i);
        Assert.False(macd.IsReady);
        macd.Update(200);
        Assert.True(macd.IsReady);
    }

    [Fact]
    public void Reset_ForgetsEverything()
    {
        var macd = new MovingAverageConvergenceDivergence(2, 3, 2);
        foreach (double v in new double[] { 1, 2, 3, 5, 4, 6 }) macd.Update(v);
        macd.Reset();
        Assert.False(macd.IsReady);
        Assert.Equal(0, macd.Samples);
        Assert.True(double.IsNaN(macd.Line));
        foreach (double v in new double[] { 1, 2, 3, 5 }) macd.Update(v);
        Assert.Equal(7.0 / 12, macd.Signal, 12);
    }
}
