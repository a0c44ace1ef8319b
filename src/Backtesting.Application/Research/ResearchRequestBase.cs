using System.Text.Json;
using System.Text.Json.Serialization;
using Backtesting.Application.Json;

namespace Backtesting.Application.Research;

/// <summary>The platform's request fields shared by backtests and every research job: strategy, asset, window, capital, risk-free rate, parameters.</summary>
public abstract record ResearchRequestBase
{
    public string? StrategyId { get; init; }
    public string? AssetSymbol { get; init; }
    /// <summary>ISO 8601 date or date-time (UTC); omitted: from the first stored bar.</summary>
    public string? StartDate { get; init; }

    /// <summary>ISO 8601 date or date-time (UTC), inclusive; omitted: to the last stored bar.</summary>
    public string? EndDate { get; init; }
    public double? InitialCapital { get; init; }

    /// <summary>Annual risk-free rate (0.05 = 5 %) that Sharpe and Sortino subtract from returns; omitted: 0.</summary>
    [JsonConverter(typeof(RiskFreeRateJsonConverter))]
    public double? RiskFreeRate { get; init; }

    /// <summary>Fixed strategy parameters (every cell, path or window uses them).</summary>
    public Dictionary<string, JsonElement>? Parameters { get; init; }
    public string? Timeframe { get; init; }
}
