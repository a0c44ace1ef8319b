namespace Backtesting.Engine.Strategies.DonchianBreakout;

/// <summary>donchian_breakout: its parameters and kernel.</summary>
internal static class DonchianBreakoutDefinition
{
    public static StrategyDefinition Definition { get; } = new("donchian_breakout", "Donchian channel breakout",
        "Buys when the close breaks above the highest high of the previous entry_period bars and sells when it breaks below the lowest low of the previous exit_period bars.",
        StrategyType.Breakout,
        [
            ParameterDefinition.Integer("entry_period", 20, 1, 10_000, "Bars in the breakout channel."),
            ParameterDefinition.Integer("exit_period", 10, 1, 10_000, "Bars in the exit channel."),
        ],
        (bars, cache) => new DonchianBreakoutKernel(bars, cache));
}
