namespace Backtesting.Engine.Strategies.BollingerReversion;

/// <summary>bollinger_reversion: its parameters and kernel.</summary>
internal static class BollingerReversionDefinition
{
    public static StrategyDefinition Definition { get; } = new("bollinger_reversion", "Bollinger band reversion",
        "Buys when the close crosses below the lower Bollinger band and sells when it crosses above the upper band.",
        StrategyType.MeanReversion,
        [
            ParameterDefinition.Integer("period", 20, 2, 10_000, "Bars in the moving average and standard deviation."),
            ParameterDefinition.Number("num_std", 2, 0, 10, "Band width in population standard deviations.", exclusiveMin: true),
        ],
        (bars, cache) => new BollingerReversionKernel(bars, cache));
}
