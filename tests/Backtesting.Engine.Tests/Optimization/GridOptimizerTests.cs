using Backtesting.Engine.Metrics;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Optimization;

public sealed class GridOptimizerTests
{
    // fast 5..25 step 5 x slow 10..30 step 10 = 15 cells; fast >= slow in 6 of them:
    // slow 10 with fast 10, 15, 20, 25; slow 20 with fast 20, 25
    private static OptimizationRequest Request(string objective = "total_return", bool? maximize = null) => new()
    {
        StrategyId = "sma_crossover",
        FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.002 },
        Axes = [ParameterAxis.Range("fast_period", 5, 25, 5), ParameterAxis.Range("slow_period", 10, 30, 10)],
        Objective = objective,
        Maximize = maximize,
        InitialCapital = 10_000,
        MaxParallelism = 2,
    };

    [Fact]
    public void Run_EveryEvaluatedCell_EqualsASingleRunWithThoseParameters()
    {
        var bars = TestDataFiles.Goog;
        var result = GridOptimizer.Run(bars, Request());

        Assert.Equal(15, result.Cells.Count);
        foreach (var cell in result.Cells.Where(c => !c.Skipped))
        {
            var parameters = new Dictionary<string, object?>
            {
                ["commission"] = 0.002,
                ["fast_period"] = cell.Parameters["fast_period"],
                ["slow_period"] = cell.Parameters["slow_period"],
            };
            var alone = BacktestEngine.Run(bars, StrategyConfigValidator.Validate("sma_crossover", parameters).GetConfigOrThrow(), 10_000);
            Assert.Equal(alone.Metrics, cell.Metrics);
        }
    }

    [Fact]
    public void Run_FastNotBelowSlow_SkippedAndCountedWithReason()
    {
        var result = GridOptimizer.Run(TestDataFiles.Goog, Request());

        Assert.Equal(6, result.Skipped);
        Assert.Equal(9, result.Evaluated);
        foreach (var cell in result.Cells)
        {
            double fast = Convert.ToDouble(cell.Parameters["fast_period"]);
            double slow = Convert.ToDouble(cell.Parameters["slow_period"]);
            Assert.Equal(fast >= slow, cell.Skipped);
            if (cell.Skipped)
                Assert.Equal("parameters.fast_period", Assert.Single(cell.Errors!).Field);
        }
    }

    [Fact]
    public void Run_CellsInGridOrder_FirstAxisSlowest()
    {
        var result = GridOptimizer.Run(TestDataFiles.Goog, Request());
        var pairs = result.Cells.Select(c => (Convert.ToDouble(c.Parameters["fast_period"]), Convert.ToDouble(c.Parameters["slow_period"]))).ToArray();
        Assert.Equal((5.0, 10.0), pairs[0]);
        Assert.Equal((5.0, 20.0), pairs[1]);
        Assert.Equal((10.0, 10.0), pairs[3]);
        Assert.Equal((25.0, 30.0), pairs[14]);
        Assert.Equal(Enumerable.Range(0, 15), result.Cells.Select(c => c.Index));
    }

    [Fact]
    public void Run_Best_IsArgmaxOfTheObjective()
    {
        var result = GridOptimizer.Run(TestDataFiles.Goog, Request("total_return"));
        var evaluated = result.Cells.Where(c => !c.Skipped).ToArray();
        double max = evaluated.Max(c => c.Metrics!.TotalReturn);

        Assert.True(result.Maximize);
        Assert.NotNull(result.Best);
        Assert.Equal(max, result.Best!.Metrics!.TotalReturn);
        Assert.Equal(evaluated.First(c => c.Metrics!.TotalReturn == max).Index, result.Best.Index);
        // Top(n) is sorted best first
        var top = result.Top(9).Select(c => c.Metrics!.TotalReturn).ToArray();
        Assert.Equal(top.OrderByDescending(v => v), top);
    }

    [Fact]
    public void Run_MaxDrawdownObjective_MinimizedByDefault()
    {
        var result = GridOptimizer.Run(TestDataFiles.Goog, Request(MetricNames.MaxDrawdown));
        double min = result.Cells.Where(c => !c.Skipped).Min(c => c.Metrics!.MaxDrawdown);

        Assert.False(result.Maximize);
        Assert.Equal(min, result.Best!.Metrics!.MaxDrawdown);
    }

    [Fact]
    public void Run_ExplicitMaximizeFalse_PicksTheMinimum()
    {
        var result = GridOptimizer.Run(TestDataFiles.Goog, Request("total_return", maximize: false));
        Assert.Equal(result.Cells.Where(c => !c.Skipped).Min(c => c.Metrics!.TotalReturn), result.Best!.Metrics!.TotalReturn);
    }

    [Fact]
    public void Run_ParallelismDoesNotChangeResults()
    {
        var one = GridOptimizer.Run(TestDataFiles.Goog, Request() with { MaxParallelism = 1 });
        var two = GridOptimizer.Run(TestDataFiles.Goog, Request() with { MaxParallelism = 2 });
        Assert.Equal(one.Cells.Select(c => c.Metrics), two.Cells.Select(c => c.Metrics));
        Assert.Equal(one.Best!.Index, two.Best!.Index);
    }

    [Fact]
    public void Validate_BadRequest_ReportsEveryProblem()
    {
        var request = Request("profit") with
        {
            Axes = [new ParameterAxis("fast_periods", [1.0]), new ParameterAxis("slow_period", [])],
            InitialCapital = 0,
        };
        var fields = GridOptimizer.Validate(request).Select(e => e.Field).ToArray();
        Assert.Contains("grid.fast_periods", fields);
        Assert.Contains("grid.slow_period", fields);
        Assert.Contains("objective", fields);
        Assert.Contains("initial_capital", fields);
        Assert.Throws<ValidationException>(() => GridOptimizer.Run(TestDataFiles.Goog, request));
    }

    [Fact]
    public void Validate_TooManyCells_Rejected()
    {
        var request = Request() with { MaxCells = 10 };
        var error = Assert.Single(GridOptimizer.Validate(request));
        Assert.Equal("grid", error.Field);
        Assert.Equal("15", error.Value);
    }

    [Fact]
    public void Run_AllCellsInvalid_BestIsNull()
    {
        var request = Request() with { Axes = [ParameterAxis.Range("fast_period", 30, 40, 10), ParameterAxis.Range("slow_period", 10, 20, 10)] };
        var result = GridOptimizer.Run(TestDataFiles.Goog, request);
        Assert.Equal(4, result.Skipped);
        Assert.Null(result.Best);
    }

    [Fact]
    public void Run_MinTrades_RanksCellsWithFewerClosedTradesLastAndMarksThem()
    {
        var bars = TestDataFiles.Goog;
        var plain = GridOptimizer.Run(bars, Request());
        var evaluated = plain.Cells.Where(c => !c.Skipped).ToArray();
        // a threshold between the fewest and the most trades of the 9 valid cells, so both groups are non-empty
        var counts = evaluated.Select(c => c.Metrics!.TotalTrades).Order().ToArray();
        int threshold = counts[counts.Length / 2];
        Assert.True(counts[0] < threshold, "some cell must fall below the threshold");

        var result = GridOptimizer.Run(bars, Request() with { MinTrades = threshold });

        // independent ranking: cells with enough trades by total_return (descending), then the others the same way
        int[] expected = [.. evaluated.Where(c => c.Metrics!.TotalTrades >= threshold).OrderByDescending(c => c.Metrics!.TotalReturn).ThenBy(c => c.Index).Select(c => c.Index),
            .. evaluated.Where(c => c.Metrics!.TotalTrades < threshold).OrderByDescending(c => c.Metrics!.TotalReturn).ThenBy(c => c.Index).Select(c => c.Index)];
        Assert.Equal(expected, result.Top(100).Select(c => c.Index));
        Assert.Equal(expected[0], result.Best!.Index);
        Assert.True(result.Best.Metrics!.TotalTrades >= threshold);
        Assert.Equal(counts.Count(n => n < threshold), result.BelowMinTrades);
        Assert.All(evaluated, c => Assert.Equal(c.Metrics!.TotalTrades < threshold, result.IsBelowMinTrades(result.Cells[c.Index])));
        // the metrics themselves do not change, only the order
        Assert.Equal(plain.Cells.Select(c => c.Metrics), result.Cells.Select(c => c.Metrics));
    }

    [Fact]
    public void Merge_MinTrades_MarksEveryCellOfTheTableBelowIt()
    {
        // cells fresh from evaluation carry no mark; the merge marks them by the request's minimum
        var fresh = GridOptimizer.Run(TestDataFiles.Goog, Request()).Cells;
        Assert.DoesNotContain(fresh, c => c.BelowMinTrades);
        var evaluated = fresh.Where(c => !c.Skipped).ToArray();
        Assert.Contains(fresh, c => c.Skipped);
        // the largest trade count: every evaluated cell but the busiest falls below it
        int threshold = evaluated.Max(c => c.Metrics!.TotalTrades);
        Assert.Contains(evaluated, c => c.Metrics!.TotalTrades < threshold);

        // merged in two uneven parts, the second first: the marks do not depend on the split
        var merged = GridOptimizer.Merge(Request() with { MinTrades = threshold }, [.. fresh.Skip(3), .. fresh.Take(3)]);

        Assert.Equal(fresh.Select(c => c.Index), merged.Cells.Select(c => c.Index));
        Assert.All(merged.Cells, c => Assert.Equal(c.Metrics is { } m && m.TotalTrades < threshold, c.BelowMinTrades));
        Assert.Equal(evaluated.Count(c => c.Metrics!.TotalTrades < threshold), merged.Cells.Count(c => c.BelowMinTrades));
        Assert.All(merged.Cells.Where(c => c.Skipped), c => Assert.False(c.BelowMinTrades));
        Assert.False(merged.Best!.BelowMinTrades);
    }

    [Fact]
    public void Validate_NegativeMinTrades_NamesTheField() =>
        Assert.Contains(GridOptimizer.Validate(Request() with { MinTrades = -1 }), e => e.Field == "min_trades" && e.Message.Contains(">= 0"));
}
