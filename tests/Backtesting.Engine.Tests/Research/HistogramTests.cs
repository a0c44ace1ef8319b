using Backtesting.Engine.MonteCarlo;

namespace Backtesting.Engine.Tests.Research;

public sealed class HistogramTests
{
    [Fact]
    public void OfSorted_PutsEachValueInItsEqualWidthBin_TheMaximumInTheLast()
    {
        // min 1, max 10, 3 bins of width 3: edges 1, 4, 7, 10. Bins by floor((v - 1) / 3): 1 -> 0, 2 -> 0 (0.33),
        // 2 -> 0, 3 -> 0 (0.67), 4 -> 1 (exactly 1.0: the left edge belongs to its bin), 10 -> 3, the maximum, kept in bin 2
        var histogram = Histogram.OfSorted([1, 2, 2, 3, 4, 10], bins: 3)!;

        Assert.Equal([1.0, 4.0, 7.0, 10.0], histogram.Edges);
        Assert.Equal([4, 1, 1], histogram.Counts);
    }

    [Fact]
    public void OfSorted_EqualValuesMakeOneBin_NoValuesNoHistogram()
    {
        var same = Histogram.OfSorted([5, 5, 5], bins: 4)!;
        Assert.Equal([5.0, 5.0], same.Edges);
        Assert.Equal([3], same.Counts);
        Assert.Null(Histogram.OfSorted([], bins: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Histogram.OfSorted([1.0], bins: 0));
    }

    [Fact]
    public void MonteCarloDistributions_CountEveryDefinedPathOnce_BetweenMinAndMax()
    {
        var request = new MonteCarloRequest
        {
            StrategyId = "sma_crossover",
            Parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 },
            InitialCapital = 10_000, Method = MonteCarloMethod.TradeBootstrap, Paths = 300, Seed = 7,
        };
        var result = MonteCarloSimulator.Run(Support.TestDataFiles.Goog, request);

        foreach (var name in new[] { "final_capital", "max_drawdown" })
        {
            var d = result.Distribution(name)!;
            var h = d.Histogram!;
            Assert.Equal(d.Count, h.Counts.Sum());
            Assert.Equal(Histogram.DefaultBins, h.Counts.Count);
            Assert.Equal(d.Min, h.Edges[0]);
            Assert.Equal(d.Max, h.Edges[^1]);
        }
    }
}
