using System.Text.Json;

namespace Backtesting.Application.Backtests;

/// <summary>
/// A backtest as callers send it, with the platform's field names (snake_case on the wire):
/// strategy_id, asset_symbol, start_date, end_date, initial_capital, parameters; plus timeframe
/// (default "1d") and an optional explicit chunk count.
/// </summary>
public sealed record BacktestRequest
{
    public string? StrategyId { get; init; }
    public string? AssetSymbol { get; init; }

    /// <summary>ISO 8601 date or date-time (UTC); omitted: from the first stored bar.</summary>
    public string? StartDate { get; init; }

    /// <summary>ISO 8601 date or date-time (UTC), inclusive; omitted: to the last stored bar.</summary>
    public string? EndDate { get; init; }
    public double? InitialCapital { get; init; }
    public Dictionary<string, JsonElement>? Parameters { get; init; }
    public string? Timeframe { get; init; }

    /// <summary>Split the simulation into this many chunks (results do not depend on it).</summary>
    public int? Chunks { get; init; }
}
