using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Strategies;

/// <summary>Every built-in strategy, by id.</summary>
public static class StrategyCatalog
{
    public static IReadOnlyList<StrategyDefinition> All { get; } =
    [
        new("sma_crossover", "SMA crossover",
            "Goes long when the fast simple moving average of closes crosses above the slow one and exits (or reverses) on the cross below. Averages are compared exactly.",
            StrategyType.Trend,
            [
                ParameterDefinition.Integer("fast_period", 10, 1, 10_000, "Bars in the fast moving average; must be < slow_period."),
                ParameterDefinition.Integer("slow_period", 30, 2, 10_000, "Bars in the slow moving average."),
            ],
            p => new SmaCrossoverStrategy(p.GetInt("fast_period"), p.GetInt("slow_period")),
            p => FastBelowSlow(p, "fast_period", "slow_period")),
        new("ema_crossover", "EMA crossover",
            "Goes long when the fast exponential moving average crosses above the slow one and exits (or reverses) on the cross below.",
            StrategyType.Trend,
            [
                ParameterDefinition.Integer("fast_period", 12, 1, 10_000, "Bars in the fast EMA; must be < slow_period."),
                ParameterDefinition.Integer("slow_period", 26, 2, 10_000, "Bars in the slow EMA."),
            ],
            p => new EmaCrossoverStrategy(p.GetInt("fast_period"), p.GetInt("slow_period")),
            p => FastBelowSlow(p, "fast_period", "slow_period")),
        new("macd_crossover", "MACD crossover",
            "Goes long when the MACD line (EMA fast - EMA slow) crosses above its signal line and exits (or reverses) on the cross below.",
            StrategyType.Momentum,
            [
                ParameterDefinition.Integer("fast_period", 12, 1, 10_000, "Bars in the fast EMA; must be < slow_period."),
                ParameterDefinition.Integer("slow_period", 26, 2, 10_000, "Bars in the slow EMA."),
                ParameterDefinition.Integer("signal_period", 9, 1, 10_000, "Bars in the EMA of the MACD line."),
            ],
            p => new MacdCrossoverStrategy(p.GetInt("fast_period"), p.GetInt("slow_period"), p.GetInt("signal_period")),
            p => FastBelowSlow(p, "fast_period", "slow_period")),
        new("rsi_reversion", "RSI mean reversion",
            "Buys when Wilder's RSI crosses below the oversold level and sells when it crosses above the overbought level.",
            StrategyType.MeanReversion,
            [
                ParameterDefinition.Integer("period", 14, 2, 10_000, "Bars in the RSI."),
                ParameterDefinition.Number("oversold", 30, 0, 100, "RSI level below which the asset is oversold; must be < overbought.", exclusiveMin: true, exclusiveMax: true),
                ParameterDefinition.Number("overbought", 70, 0, 100, "RSI level above which the asset is overbought.", exclusiveMin: true, exclusiveMax: true),
            ],
            p => new RsiReversionStrategy(p.GetInt("period"), p.GetDouble("oversold"), p.GetDouble("overbought")),
            p => FastBelowSlow(p, "oversold", "overbought")),
        new("bollinger_reversion", "Bollinger band reversion",
            "Buys when the close crosses below the lower Bollinger band and sells when it crosses above the upper band.",
            StrategyType.MeanReversion,
            [
                ParameterDefinition.Integer("period", 20, 2, 10_000, "Bars in the moving average and standard deviation."),
                ParameterDefinition.Number("num_std", 2, 0, 10, "Band width in population standard deviations.", exclusiveMin: true),
            ],
            p => new BollingerReversionStrategy(p.GetInt("period"), p.GetDouble("num_std"))),
        new("donchian_breakout", "Donchian channel breakout",
            "Buys when the close breaks above the highest high of the previous entry_period bars and sells when it breaks below the lowest low of the previous exit_period bars.",
            StrategyType.Breakout,
            [
                ParameterDefinition.Integer("entry_period", 20, 1, 10_000, "Bars in the breakout channel."),
                ParameterDefinition.Integer("exit_period", 10, 1, 10_000, "Bars in the exit channel."),
            ],
            p => new DonchianBreakoutStrategy(p.GetInt("entry_period"), p.GetInt("exit_period"))),
        new("buy_and_hold", "Buy and hold",
            "The benchmark: buys at the first opportunity and holds to the end.",
            StrategyType.Benchmark,
            [],
            _ => new BuyAndHoldStrategy(),
            directions: ["long"]),
    ];

    public static IReadOnlyList<string> Ids { get; } = All.Select(s => s.Id).ToArray();

    public static StrategyDefinition? Find(string? id) => All.FirstOrDefault(s => s.Id == id);

    private static IEnumerable<ValidationError> FastBelowSlow(ParameterSet p, string lower, string upper)
    {
        double a = p.GetDouble(lower), b = p.GetDouble(upper);
        if (a >= b)
            yield return new ValidationError($"parameters.{lower}", Format(a), $"must be < {upper} ({Format(b)})");
    }

    private static string Format(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
