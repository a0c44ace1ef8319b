namespace Backtesting.Engine.Strategies;

/// <summary>The platform's strategy families (<c>strategy_type</c>).</summary>
public static class StrategyType
{
    public const string Trend = "trend";
    public const string MeanReversion = "mean_reversion";
    public const string Momentum = "momentum";
    public const string Breakout = "breakout";
    public const string Benchmark = "benchmark";
}
