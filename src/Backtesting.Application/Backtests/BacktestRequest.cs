using Backtesting.Application.Research;

namespace Backtesting.Application.Backtests;

/// <summary>
/// A backtest as callers send it, with the platform's field names (snake_case on the wire):
/// strategy_id, asset_symbol, start_date, end_date, initial_capital, parameters; plus timeframe
/// (default "1d") and an optional explicit chunk count.
/// </summary>
public sealed record BacktestRequest : ResearchRequestBase
{
    /// <summary>Split the simulation into this many chunks (results do not depend on it).</summary>
    public int? Chunks { get; init; }
}
