namespace Backtesting.Engine.Simulation;

/// <summary>Metric options: annualisation factor (inferred from the bars when null) and annual risk-free rate.</summary>
public sealed record BacktestOptions(double? PeriodsPerYear = null, double RiskFreeRate = 0)
{
    public static BacktestOptions Default { get; } = new();
}
