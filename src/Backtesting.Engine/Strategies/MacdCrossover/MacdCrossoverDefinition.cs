namespace Backtesting.Engine.Strategies.MacdCrossover;

/// <summary>macd_crossover: its parameters, constraint and kernel.</summary>
internal static class MacdCrossoverDefinition
{
    public static StrategyDefinition Definition { get; } = new("macd_crossover", "MACD crossover",
        "Goes long when the MACD line (EMA fast - EMA slow) crosses above its signal line and exits (or reverses) on the cross below.",
        StrategyType.Momentum,
        [
            ParameterDefinition.Integer("fast_period", 12, 1, 10_000, "Bars in the fast EMA; must be < slow_period."),
            ParameterDefinition.Integer("slow_period", 26, 2, 10_000, "Bars in the slow EMA."),
            ParameterDefinition.Integer("signal_period", 9, 1, 10_000, "Bars in the EMA of the MACD line."),
        ],
        (bars, cache) => new MacdCrossoverKernel(bars, cache),
        p => ParameterRules.Below(p, "fast_period", "slow_period"));
}
