namespace Backtesting.Application.Runs;

/// <summary>
/// A job of any kind as stored in <c>backtest_runs</c>. Parameters and Request hold JSON text
/// (the strategy parameters, and the whole validated request the workflow needs to resume).
/// </summary>
public sealed record BacktestRun
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Kind { get; init; }
    public required string StrategyId { get; init; }

    /// <summary>The asset's symbol (the <c>asset_id</c> column references <c>assets.id</c>, which is the symbol).</summary>
    public required string AssetSymbol { get; init; }
    public required DateTime StartDate { get; init; }
    public required DateTime EndDate { get; init; }
    public required decimal InitialCapital { get; init; }
    public string? Parameters { get; init; }
    public required string Status { get; init; }

    /// <summary>0-100.</summary>
    public double Progress { get; init; }
    public DateTime? CurrentDate { get; init; }
    public int TradesExecuted { get; init; }
    public string? Error { get; init; }
    public string? Request { get; init; }
    public string? ParentRunId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
}
