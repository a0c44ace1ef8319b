namespace Backtesting.Engine.Strategies.RsiReversion;

/// <summary>rsi_reversion: its parameters, constraint and kernel.</summary>
internal static class RsiReversionDefinition
{
    public static StrategyDefinition Definition { get; } = new("rsi_reversion", "RSI mean reversion",
        "Buys when Wilder's RSI crosses below the oversold level and sells when it crosses above the overbought level.",
        StrategyType.MeanReversion,
        [
            ParameterDefinition.Integer("period", 14, 2, 10_000, "Bars in the RSI."),
            ParameterDefinition.Number("oversold", 30, 0, 100, "RSI level below which the asset is oversold; must be < overbought.", exclusiveMin: true, exclusiveMax: true),
            ParameterDefinition.Number("overbought", 70, 0, 100, "RSI level above which the asset is overbought.", exclusiveMin: true, exclusiveMax: true),
        ],
        (bars, cache) => new RsiReversionKernel(bars, cache),
        p => ParameterRules.Below(p, "oversold", "overbought"));
}
