using Backtesting.Engine.Optimization;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Research;

public sealed class RandomSearchTests
{
    private static OptimizationRequest Request(int samples, long seed) => new()
    {
        StrategyId = "sma_crossover",
        FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
        Axes = [ParameterAxis.Range("fast_period", 2, 60, 1), ParameterAxis.Range("slow_period", 10, 300, 5)],
        InitialCapital = 100_000,
        RandomSamples = samples,
        Seed = seed,
    };

    private static string Key(IReadOnlyDictionary<string, object?> p) => $"{p["fast_period"]}/{p["slow_period"]}";

    [Fact]
    public void RandomSearch_SameSeed_SameCellsAndResult()
    {
        var a = GridOptimizer.Run(TestDataFiles.Gbm10000, Request(40, 7));
        var b = GridOptimizer.Run(TestDataFiles.Gbm10000, Request(40, 7));
        var c = GridOptimizer.Run(TestDataFiles.Gbm10000, Request(40, 8));

        Assert.Equal(40, a.Cells.Count);
        Assert.Equal(a.Cells, b.Cells, GridOptimizerFastPathTests.CellComparer.Instance);
        Assert.NotEqual(a.Cells.Select(x => Key(x.Parameters)), c.Cells.Select(x => Key(x.Parameters)));
    }

    [Fact]
    public void RandomSearch_Draws_AreDistinctGridPoints()
    {
        var request = Request(500, 3);
        var grid = GridOptimizer.Expand(request with { RandomSamples = null }).Select(Key).ToHashSet();

        var drawn = Enumerable.Range(0, GridOptimizer.CellCount(request)).Select(i => Key(GridOptimizer.CellParameters(request, i))).ToArray();

        Assert.Equal(500, drawn.Distinct().Count());
        Assert.All(drawn, d => Assert.Contains(d, grid));
    }

    [Fact]
    public void RandomSearch_MoreSamplesThanCells_EvaluatesTheWholeGridOnce()
    {
        var request = Request(10_000, 1) with { Axes = [new ParameterAxis("fast_period", [5.0, 10.0]), new ParameterAxis("slow_period", [20.0, 30.0, 40.0])] };

        var result = GridOptimizer.Run(TestDataFiles.Gbm10000, request);

        Assert.Equal(6, result.Cells.Count);
        Assert.Equal(6, result.Cells.Select(c => Key(c.Parameters)).Distinct().Count());
    }

    [Fact]
    public void RandomSearch_ChunkedInAnySplit_SameResultAndCellsEqualSingleRuns()
    {
        var bars = TestDataFiles.Gbm10000;
        var request = Request(30, 11);
        var whole = GridOptimizer.Run(bars, request);

        var merged = GridOptimizer.Merge(request,
            GridOptimizer.EvaluateRange(bars, request, 17, 13).Concat(GridOptimizer.EvaluateRange(bars, request, 0, 17)));

        Assert.Equal(whole.Cells, merged.Cells, GridOptimizerFastPathTests.CellComparer.Instance);
        foreach (var cell in whole.Cells)
            Assert.Equal(GridOptimizer.Evaluate(bars, request, cell.Index, cell.Parameters).Metrics, cell.Metrics);
    }
}
