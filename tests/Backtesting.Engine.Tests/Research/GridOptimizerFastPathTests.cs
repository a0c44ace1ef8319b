using Backtesting.Engine.Data;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Research;

/// <summary>The grid's shared-work path: every cell equals the single run, and any chunking gives the same result.</summary>
public sealed class GridOptimizerFastPathTests
{
    private static OptimizationRequest SmaGrid(int? parallelism = null) => new()
    {
        StrategyId = "sma_crossover",
        FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
        Axes = [ParameterAxis.Range("fast_period", 5, 50, 5), ParameterAxis.Range("slow_period", 20, 200, 20)],
        InitialCapital = 100_000,
        MaxParallelism = parallelism,
    };

    private static void AssertCellsEqualSingleRuns(BarSeries bars, OptimizationRequest request, OptimizationResult result)
    {
        foreach (var cell in result.Cells)
        {
            var single = GridOptimizer.Evaluate(bars, request, cell.Index, cell.Parameters);
            Assert.Equal(single.Skipped, cell.Skipped);
            Assert.True(single.Metrics == cell.Metrics, $"cell {cell.Index}: {single.Metrics} vs {cell.Metrics}");
        }
    }

    [Fact]
    public void Run_SmaGrid_EveryCellEqualsBacktestEngineRun()
    {
        var bars = TestDataFiles.Gbm10000;
        var request = SmaGrid();

        var result = GridOptimizer.Run(bars, request);

        Assert.Equal(100, result.Cells.Count);
        Assert.Equal(10, result.Skipped);
        AssertCellsEqualSingleRuns(bars, request, result);
        // a direct BacktestEngine.Run of one cell, as the CLI's run command would do it
        var cell = result.Cells.First(c => !c.Skipped);
        var direct = BacktestEngine.Run(bars, EngineRun.Config("sma_crossover", cell.Parameters), 100_000);
        Assert.Equal(direct.Metrics, cell.Metrics);
    }

    [Fact]
    public void Run_Reference10x30Cell_MatchesDesignFigures()
    {
        var request = SmaGrid() with { Axes = [new ParameterAxis("fast_period", [10.0]), new ParameterAxis("slow_period", [30.0])] };

        var cell = GridOptimizer.Run(TestDataFiles.Gbm10000, request).Cells.Single();

        AssertNumber.MatchesPrinted("93964.1378", cell.Metrics!.FinalCapital, "final_capital");
        Assert.Equal(192, cell.Metrics.TotalTrades);
    }

    [Theory]
    [InlineData("ema_crossover", "fast_period=3,8,12", "slow_period=20,26,40")]
    [InlineData("macd_crossover", "fast_period=8,12", "signal_period=5,9")]
    [InlineData("rsi_reversion", "period=7,14", "oversold=20,30")]
    [InlineData("bollinger_reversion", "period=10,20", "num_std=1.5,2,2.5")]
    [InlineData("donchian_breakout", "entry_period=10,20", "exit_period=5,10")]
    [InlineData("buy_and_hold", "commission=0,0.001", "position_size=0.5,1")]
    public void Run_OtherStrategies_EveryCellEqualsSingleRun(string strategy, string axisA, string axisB)
    {
        var bars = TestDataFiles.Goog;
        var request = new OptimizationRequest
        {
            StrategyId = strategy,
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.001 },
            Axes = [Axis(axisA), Axis(axisB)],
            InitialCapital = 10_000,
        };
        if (strategy == "buy_and_hold") request = request with { FixedParameters = new Dictionary<string, object?>() };

        var result = GridOptimizer.Run(bars, request);

        Assert.Equal(0, result.Skipped);
        AssertCellsEqualSingleRuns(bars, request, result);
    }

    [Fact]
    public void Run_MacdAcrossSignalPeriods_EveryCellEqualsSingleRun()
    {
        // 3 x 2 x 5 = 30 cells: the kernel takes them eight at a time where the hardware has 512-bit vectors (three
        // batches of eight, one of six: spare lanes), else four (seven of four, one of two), lanes with different signal
        // periods and so different ready bars
        var bars = TestDataFiles.Gbm10000;
        var request = new OptimizationRequest
        {
            StrategyId = "macd_crossover",
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.0001 },
            Axes = [Axis("fast_period=4,8,12"), Axis("slow_period=26,40"), Axis("signal_period=2,5,9,17,40")],
            InitialCapital = 100_000,
        };

        var result = GridOptimizer.Run(bars, request);

        Assert.Equal(30, result.Evaluated);
        AssertCellsEqualSingleRuns(bars, request, result);
        Assert.True(result.Cells.Select(c => c.Metrics!.TotalTrades).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Run_MacdSampleMixingSharedAndBatchedCells_EveryCellEqualsSingleRun(int parallelism)
    {
        // 23 of 5 x 4 x 2 cells: (fast, slow) pairs drawn with both commissions share one signal array, the others go
        // to the kernel in batches (23 is a multiple of neither four nor eight); workers claim batches and then their
        // cells one by one, three workers on this machine's two cores included
        var bars = TestDataFiles.Gbm10000;
        var request = new OptimizationRequest
        {
            StrategyId = "macd_crossover",
            Axes = [Axis("fast_period=4,8,12,16,20"), Axis("slow_period=26,30,40,60"), Axis("commission=0,0.001")],
            InitialCapital = 100_000,
            RandomSamples = 23,
            Seed = 5,
            MaxParallelism = parallelism,
        };

        var result = GridOptimizer.Run(bars, request);

        Assert.Equal(23, result.Evaluated);
        var pairs = result.Cells.GroupBy(c => (c.Parameters["fast_period"], c.Parameters["slow_period"])).Select(g => g.Count()).ToArray();
        Assert.Contains(1, pairs);
        Assert.Contains(2, pairs);
        Assert.True(pairs.Count(n => n == 1) > 4, "enough unshared cells for a batch of more than four");
        AssertCellsEqualSingleRuns(bars, request, result);
    }

    [Fact]
    public void Run_ExecutionAxesShareSignals_EveryCellEqualsSingleRun()
    {
        // 2 signal sets x 3 directions x 2 commissions x 2 stops: cells share signal arrays
        var bars = TestDataFiles.Gbm10000;
        var request = new OptimizationRequest
        {
            StrategyId = "sma_crossover",
            Axes =
            [
                new ParameterAxis("fast_period", [5.0, 10.0]),
                new ParameterAxis("direction", ["long", "short", "long_short"]),
                new ParameterAxis("commission", [0.0, 0.001]),
                new ParameterAxis("stop_loss_pct", [0.01, 0.05]),
            ],
            InitialCapital = 50_000,
            MaxParallelism = 2,
        };

        var result = GridOptimizer.Run(bars, request);

        Assert.Equal(24, result.Evaluated);
        AssertCellsEqualSingleRuns(bars, request, result);
    }

    [Fact]
    public void Run_InvalidCombinations_AreSkippedCountedAndExplained()
    {
        var request = SmaGrid() with
        {
            Axes = [new ParameterAxis("fast_period", [10.0, 30.0, 2.5]), new ParameterAxis("slow_period", [20.0])],
        };

        var result = GridOptimizer.Run(TestDataFiles.Gbm10000, request);

        Assert.Equal(1, result.Evaluated);
        Assert.Equal(2, result.Skipped);
        Assert.Contains(result.Cells[1].Errors!, e => e.Field == "parameters.fast_period" && e.Message.Contains("must be < slow_period"));
        Assert.Contains(result.Cells[2].Errors!, e => e.Field == "parameters.fast_period" && e.Message.Contains("not an integer"));
        Assert.Same(result.Cells[0], result.Best);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(100)]
    public void EvaluateRange_AnyChunkSize_MergesToTheSameResult(int chunk)
    {
        var bars = TestDataFiles.Gbm10000;
        var request = SmaGrid();
        var whole = GridOptimizer.Run(bars, request);
        int total = GridOptimizer.CellCount(request);
        var chunks = new List<IReadOnlyList<OptimizationCell>>();
        for (int start = 0; start < total; start += chunk)
            chunks.Add(GridOptimizer.EvaluateRange(bars, request with { MaxParallelism = 1 }, start, Math.Min(chunk, total - start)));
        chunks.Reverse(); // chunks may come back in any order

        var merged = GridOptimizer.Merge(request, chunks.SelectMany(c => c));

        Assert.Equal(whole.Cells, merged.Cells, CellComparer.Instance);
        Assert.Equal(whole.Best!.Index, merged.Best!.Index);
        Assert.Equal(whole.Top(5).Select(c => c.Index), merged.Top(5).Select(c => c.Index));
    }

    [Fact]
    public void Merge_DuplicateCell_IsRejected()
    {
        var request = SmaGrid();
        var cells = GridOptimizer.EvaluateRange(TestDataFiles.Gbm10000, request, 0, 2);

        Assert.Throws<ArgumentException>(() => GridOptimizer.Merge(request, [.. cells, cells[0]]));
    }

    [Fact]
    public void CellParameters_GridSearch_MatchesExpandOrder()
    {
        var request = SmaGrid() with { Axes = [.. SmaGrid().Axes, new ParameterAxis("direction", ["long", "short"])] };
        var expanded = GridOptimizer.Expand(request);

        Assert.Equal(expanded.Count, GridOptimizer.CellCount(request));
        for (int i = 0; i < expanded.Count; i++)
            Assert.Equal(expanded[i], GridOptimizer.CellParameters(request, i));
    }

    [Fact]
    public void Run_MinimizeObjective_PicksTheSmallestValue()
    {
        var request = SmaGrid() with { Objective = "max_drawdown" };

        var result = GridOptimizer.Run(TestDataFiles.Gbm10000, request);

        Assert.False(result.Maximize);
        double smallest = result.Cells.Where(c => !c.Skipped).Min(c => c.Metrics!.MaxDrawdown);
        Assert.Equal(smallest, result.Best!.Metrics!.MaxDrawdown);
        var top = result.Top(3);
        Assert.True(top[0].Metrics!.MaxDrawdown <= top[1].Metrics!.MaxDrawdown && top[1].Metrics!.MaxDrawdown <= top[2].Metrics!.MaxDrawdown);
    }

    [Fact]
    public void Validate_BadRequest_ReportsEveryProblemWithField()
    {
        var request = SmaGrid() with { Objective = "luck", InitialCapital = -1, RandomSamples = 0, MaxParallelism = 0 };

        var errors = GridOptimizer.Validate(request);

        Assert.Contains(errors, e => e.Field == "objective" && e.Value == "'luck'" && e.Message.Contains("sharpe_ratio"));
        Assert.Contains(errors, e => e.Field == "initial_capital");
        Assert.Contains(errors, e => e.Field == "random_samples" && e.Value == "0");
        Assert.Contains(errors, e => e.Field == "max_parallelism");
        Assert.Throws<ValidationException>(() => GridOptimizer.Run(TestDataFiles.Gbm10000, request));
    }

    internal static OptimizationRequest Axes(OptimizationRequest request, params string[] specs) =>
        request with { Axes = specs.Select(Axis).ToArray() };

    private static ParameterAxis Axis(string spec)
    {
        int eq = spec.IndexOf('=');
        return ParameterAxis.Parse(spec[..eq], spec[(eq + 1)..]);
    }

    /// <summary>Cells equal by index, parameters, metrics and errors.</summary>
    internal sealed class CellComparer : IEqualityComparer<OptimizationCell>
    {
        public static CellComparer Instance { get; } = new();

        public bool Equals(OptimizationCell? x, OptimizationCell? y) =>
            x is not null && y is not null && x.Index == y.Index && x.Metrics == y.Metrics
            && x.Parameters.Count == y.Parameters.Count && x.Parameters.All(kv => y.Parameters.TryGetValue(kv.Key, out var v) && Equals(kv.Value, v))
            && (x.Errors ?? []).SequenceEqual(y.Errors ?? []);

        public int GetHashCode(OptimizationCell obj) => obj.Index;
    }
}
