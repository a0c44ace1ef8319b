using Backtesting.Application.Research;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.MonteCarlo;

namespace Backtesting.Application.Tests;

public class MonteCarloBatchCodecTests
{
    [Fact]
    public void EncodeDecode_RoundTripsEveryNumberAndNull()
    {
        var baseline = new PerformanceMetrics
        {
            InitialCapital = 100, FinalCapital = 110, TotalReturn = 0.1, AnnualReturn = 0.05, MaxDrawdown = 0.2, MaxDrawdownDuration = 3, SharpeRatio = null,
            TotalTrades = 2, OpenTrades = 0, WinningTrades = 1, LosingTrades = 1, TotalFees = 1.5, Exposure = 0.5, BuyAndHoldReturn = 0.3, Bars = 10, PeriodsPerYear = 252,
        };
        var batch = new MonteCarloBatch
        {
            Start = 4,
            Paths =
            [
                new MonteCarloPath(4, 101.25, 0.1 / 3, [0.0125, null], [100, 99.5, 101.25]),
                new MonteCarloPath(5, double.NaN, 0, [double.NegativeInfinity, 7], [100, 100, 100]),
            ],
            MetricNames = ["total_return", "profit_factor"],
            BandSteps = [0, 1, 2],
            BandTimestamps = [10, 20, 30],
            Baseline = baseline,
            TradeCount = 2,
        };

        var decoded = MonteCarloBatchCodec.Decode(MonteCarloBatchCodec.Encode(batch));

        Assert.Equal(batch.Start, decoded.Start);
        Assert.Equal(batch.MetricNames, decoded.MetricNames);
        Assert.Equal(batch.BandSteps, decoded.BandSteps);
        Assert.Equal(batch.BandTimestamps, decoded.BandTimestamps);
        Assert.Equal(batch.Baseline, decoded.Baseline);
        Assert.Equal(2, decoded.TradeCount);
        for (int p = 0; p < 2; p++)
        {
            Assert.Equal(batch.Paths[p].Index, decoded.Paths[p].Index);
            Assert.Equal(batch.Paths[p].FinalCapital, decoded.Paths[p].FinalCapital);
            Assert.Equal(batch.Paths[p].MaxDrawdown, decoded.Paths[p].MaxDrawdown);
            Assert.Equal(batch.Paths[p].Metrics, decoded.Paths[p].Metrics);
            Assert.Equal(batch.Paths[p].Band, decoded.Paths[p].Band);
        }
    }

    [Fact]
    public void Decode_OtherBytes_Throws()
    {
        Assert.Throws<InvalidDataException>(() => MonteCarloBatchCodec.Decode([1, 2, 3, 4, 5]));
    }
}
