using System.Text.Json;

namespace Backtesting.Application.Research;

/// <summary>Fields every research job shares with a backtest request (the platform's names).</summary>
public abstract record ResearchRequestBase
{
    public string? StrategyId { get; init; }
    public string? AssetSymbol { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
    public double? InitialCapital { get; init; }

    /// <summary>Fixed strategy parameters (every cell, path or window uses them).</summary>
    public Dictionary<string, JsonElement>? Parameters { get; init; }
    public string? Timeframe { get; init; }
}
