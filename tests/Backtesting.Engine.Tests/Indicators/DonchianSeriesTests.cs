using Backtesting.Engine.Indicators;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Indicators;

/// <summary>The whole-series Donchian sides (block extremes) equal the streaming <see cref="RollingExtreme"/> bar by bar.</summary>
public sealed class DonchianSeriesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(64)]
    [InlineData(9_999)]
    [InlineData(10_000)]
    [InlineData(12_000)]
    public void DonchianBeforeBar_AnyPeriod_EqualsStreamingExtremeOfThePreviousBars(int period)
    {
        var bars = TestDataFiles.Gbm10000;
        foreach (bool upper in new[] { true, false })
        {
            var streaming = new RollingExtreme(period, keepMax: upper);
            var expected = new double[bars.Count];
            for (int i = 0; i < bars.Count; i++)
            {
                expected[i] = streaming.IsReady ? streaming.Extreme : double.NaN;
                streaming.Add(upper ? bars.High[i] : bars.Low[i]);
            }

            var actual = IndicatorSeries.DonchianBeforeBar(bars, period, upper);

            Assert.Equal(expected, actual);
        }
    }
}
