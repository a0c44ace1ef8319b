using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Tests.Indicators;

public sealed class DonchianChannelTests
{
    [Fact]
    public void Update_Period3_HighestHighLowestLowOfWindow()
    {
        // (high, low): (5, 1), (6, 2), (4, 3), (7, 0.5), (3, 2.5), (2, 1.5), (2, 1.8)
        // bar 2: max(5, 6, 4) = 6, min(1, 2, 3) = 1
        // bar 3: max(6, 4, 7) = 7, min(2, 3, 0.5) = 0.5
        // bar 4: max(4, 7, 3) = 7, min(3, 0.5, 2.5) = 0.5
        // bar 5: max(7, 3, 2) = 7, min(0.5, 2.5, 1.5) = 0.5
        // bar 6: max(3, 2, 2) = 3, min(2.5, 1.5, 1.8) = 1.5 (the 7 / 0.5 bar has left the window)
        (double High, double Low)[] bars = [(5, 1), (6, 2), (4, 3), (7, 0.5), (3, 2.5), (2, 1.5), (2, 1.8)];
        (double Upper, double Lower)[] expected = [(double.NaN, double.NaN), (double.NaN, double.NaN), (6, 1), (7, 0.5), (7, 0.5), (7, 0.5), (3, 1.5)];
        var channel = new DonchianChannel(3);
        for (int i = 0; i < bars.Length; i++)
        {
            channel.Update(bars[i].High, bars[i].Low);
            Assert.Equal(expected[i].Upper, channel.Upper);
            Assert.Equal(expected[i].Lower, channel.Lower);
        }
        Assert.Equal(2.25, channel.Middle);
    }

    [Fact]
    public void Update_MatchesBruteForceOnNoisySeries()
    {
        var random = new Random(7);
        var highs = Enumerable.Range(0, 500).Select(_ => 100 + random.NextDouble() * 10).ToArray();
        var lows = highs.Select(h => h - random.NextDouble() * 5).ToArray();
        var channel = new DonchianChannel(13);
        for (int i = 0; i < highs.Length; i++)
        {
            channel.Update(highs[i], lows[i]);
            if (i < 12) continue;
            Assert.Equal(highs.Skip(i - 12).Take(13).Max(), channel.Upper);
            Assert.Equal(lows.Skip(i - 12).Take(13).Min(), channel.Lower);
        }
    }

    [Fact]
    public void IsReadyAndReset()
    {
        var channel = new DonchianChannel(2);
        Assert.Equal(2, channel.WarmUpPeriod);
        channel.Update(10, 9);
        Assert.False(channel.IsReady);
        channel.Update(11, 8);
        Assert.True(channel.IsReady);
        channel.Reset();
        Assert.False(channel.IsReady);
        Assert.Equal(0, channel.Samples);
        Assert.True(double.IsNaN(channel.Upper));
        channel.Update(3, 2);
        channel.Update(4, 1);
        Assert.Equal(4, channel.Upper);
        Assert.Equal(1, channel.Lower);
    }
}
