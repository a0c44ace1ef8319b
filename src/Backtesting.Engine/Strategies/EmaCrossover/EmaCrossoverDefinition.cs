namespace Backtesting.Engine.Strategies.EmaCrossover;

/// <summary>ema_crossover: its parameters, constraint and kernel.</summary>
internal static class EmaCrossoverDefinition
{
    public static StrategyDefinition Definition { get; } = new("ema_crossover", "EMA crossover",
        "Goes long when the fast exponential moving average crosses above the slow one and exits (or reverses) on the cross below.",
        StrategyType.Trend,
        [
            ParameterDefinition.Integer("fast_period", 12, 1, 10_000, "Bars in the fast EMA; must be < slow_period."),
            ParameterDefinition.Integer("slow_period", 26, 2, 10_000, "Bars in the slow EMA."),
        ],
        (bars, cache) => new EmaCrossoverKernel(bars, cache),
        p => ParameterRules.Below(p, "fast_period", "slow_period"));
}
