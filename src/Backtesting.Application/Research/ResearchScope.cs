using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Research;

/// <summary>
/// The data a research job runs on: asset, timeframe, window, capital and the annual risk-free rate of its
/// metrics, already validated. The rate defaults to 0 so jobs journaled before it existed still read back.
/// </summary>
public sealed record ResearchScope(string AssetSymbol, string Timeframe, DateTime? StartDate, DateTime? EndDate, double InitialCapital, double RiskFreeRate = 0)
{
    /// <summary>The engine's metric options for this scope (periods per year inferred from the bars).</summary>
    public BacktestOptions ToBacktestOptions() => new(RiskFreeRate: RiskFreeRate);
}
