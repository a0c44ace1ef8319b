using System.Text.Json;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>A validated backtest: the workflow's input, also stored as the run's request so it can resume.</summary>
public sealed record BacktestJob
{
    public required string RunId { get; init; }
    public required string UserId { get; init; }
    public required string StrategyId { get; init; }
    public required Dictionary<string, JsonElement> Parameters { get; init; }
    public required string AssetSymbol { get; init; }
    public required string Timeframe { get; init; }
    public DateTime? StartDate { get; init; }
    public DateTime? EndDate { get; init; }
    public required double InitialCapital { get; init; }
    public int? Chunks { get; init; }

    /// <summary>Definitions of the user strategies the job names (id -> definition JSON) as they were at submission; null: built-ins only.</summary>
    public Dictionary<string, string>? UserStrategies { get; init; }

    /// <summary>Annual risk-free rate of the Sharpe and Sortino ratios; 0 for jobs journaled before it existed.</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>When the run was stored (its created_at), for the run-duration metric without reading the run; null in jobs stored before it.</summary>
    public DateTime? CreatedAt { get; init; }

    /// <summary>The engine's metric options for this run (periods per year inferred from the bars).</summary>
    public BacktestOptions ToBacktestOptions() => new(RiskFreeRate: RiskFreeRate);
}
