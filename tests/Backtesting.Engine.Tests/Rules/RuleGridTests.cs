using Backtesting.Engine.Optimization;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Rules;

/// <summary>Grids over a rules strategy's own parameters: constraints per cell, each cell equal to its single run.</summary>
public sealed class RuleGridTests
{
    [Fact]
    public void Grid_10x10OverRuleParameters_CellsEqualSingleRunsAndConstraintsSkipCells()
    {
        var definition = RuleTestSupport.Define(new Dictionary<string, string>
        {
            ["long_entry"] = "crosses_above(sma(close, fast), sma(close, slow)) and close > ema(close, 50)",
            ["long_exit"] = "crosses_below(sma(close, fast), sma(close, slow)) or rsi(close, 14) > 80",
        }, new Dictionary<string, (bool, double, double, double)> { ["fast"] = (true, 10, 1, 500), ["slow"] = (true, 30, 2, 1000) }, ["fast < slow"]);
        var request = new OptimizationRequest
        {
            StrategyId = definition.Id,
            Strategy = definition.ToStrategyDefinition(),
            Axes = [ParameterAxis.Range("fast", 5, 50, 5), ParameterAxis.Range("slow", 10, 100, 10)],
            FixedParameters = new Dictionary<string, object?> { ["commission"] = 0.001 },
            Objective = "final_capital",
            InitialCapital = 10_000,
        };
        Assert.Empty(GridOptimizer.Validate(request));

        var result = GridOptimizer.Run(TestDataFiles.Goog, request);

        Assert.Equal(100, result.Cells.Count);
        // fast in 5..50, slow in 10..100: fast >= slow for (10,10), (20,10), (20,20), (30,10..30), (40,10..40), (50,10..50), ...
        int expectedSkipped = 0;
        for (int fast = 5; fast <= 50; fast += 5)
            for (int slow = 10; slow <= 100; slow += 10)
                if (fast >= slow) expectedSkipped++;
        Assert.Equal(expectedSkipped, result.Cells.Count(c => c.Skipped));
        Assert.All(result.Cells.Where(c => c.Skipped), c => Assert.Equal("constraints[0]", Assert.Single(c.Errors!).Field));
        foreach (var cell in result.Cells.Where(c => !c.Skipped).Take(12))
        {
            var single = RuleTestSupport.Run(definition, TestDataFiles.Goog, new Dictionary<string, object?>(cell.Parameters));
            Assert.Equal(single.Metrics, cell.Metrics);
        }
    }

    [Fact]
    public void Grid_UnknownRuleParameter_RejectedNamingTheAxis()
    {
        var definition = RuleTestSupport.Define(new Dictionary<string, string> { ["long_entry"] = "close > sma(close, n)" },
            new Dictionary<string, (bool, double, double, double)> { ["n"] = (true, 10, 1, 500) });
        var errors = GridOptimizer.Validate(new OptimizationRequest
        {
            StrategyId = definition.Id,
            Strategy = definition.ToStrategyDefinition(),
            Axes = [ParameterAxis.Range("m", 5, 50, 5)],
            InitialCapital = 10_000,
        });
        Assert.Equal("grid.m", Assert.Single(errors).Field);
    }
}
