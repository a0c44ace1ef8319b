using Backtesting.Engine.Indicators;

namespace Backtesting.Engine.Tests.Indicators;

public sealed class RollingExtremeTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(5, true)]
    [InlineData(5, false)]
    [InlineData(64, true)]
    public void Add_MatchesBruteForce_WithTiesPlateausAndWrapAround(int period, bool keepMax)
    {
        // Whole numbers 0..4: many equal neighbours, long plateaus, thousands of ring-buffer wraps.
        var random = new Random(period * 31 + (keepMax ? 1 : 0));
        var values = Enumerable.Range(0, 5_000).Select(_ => (double)random.Next(5)).ToArray();
        var extreme = new RollingExtreme(period, keepMax);

        for (int i = 0; i < values.Length; i++)
        {
            extreme.Add(values[i]);
            Assert.Equal(i + 1 >= period, extreme.IsReady);
            var window = values.Skip(Math.Max(0, i - period + 1)).Take(Math.Min(period, i + 1));
            Assert.Equal(keepMax ? window.Max() : window.Min(), extreme.Extreme);
        }
    }

    [Fact]
    public void Clear_StartsOver()
    {
        var extreme = new RollingExtreme(2, keepMax: true);
        extreme.Add(9);
        extreme.Add(1);
        extreme.Clear();

        Assert.False(extreme.IsReady);
        extreme.Add(3);
        extreme.Add(2);
        Assert.True(extreme.IsReady);
        Assert.Equal(3, extreme.Extreme);
    }
}
