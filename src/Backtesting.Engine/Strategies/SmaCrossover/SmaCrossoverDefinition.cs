namespace Backtesting.Engine.Strategies.SmaCrossover;

/// <summary>sma_crossover: its parameters, constraint and kernel.</summary>
internal static class SmaCrossoverDefinition
{
    public static StrategyDefinition Definition { get; } = new("sma_crossover", "SMA crossover",
        "Goes long when the fast simple moving average of closes crosses above the slow one and exits (or reverses) on the cross below. Averages are compared exactly.",
        StrategyType.Trend,
        [
            ParameterDefinition.Integer("fast_period", 10, 1, 10_000, "Bars in the fast moving average; must be < slow_period."),
            ParameterDefinition.Integer("slow_period", 30, 2, 10_000, "Bars in the slow moving average."),
        ],
        (bars, _) => new SmaCrossoverKernel(bars),
        p => ParameterRules.Below(p, "fast_period", "slow_period"));
}
