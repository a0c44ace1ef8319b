namespace Backtesting.Engine.Strategies.BuyAndHold;

/// <summary>buy_and_hold: the benchmark, long only, no parameters of its own.</summary>
internal static class BuyAndHoldDefinition
{
    public static StrategyDefinition Definition { get; } = new("buy_and_hold", "Buy and hold",
        "The benchmark: buys at the first opportunity and holds to the end.",
        StrategyType.Benchmark,
        [],
        (bars, _) => new BuyAndHoldKernel(bars.Count),
        directions: ["long"]);
}
