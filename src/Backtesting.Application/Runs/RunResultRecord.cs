namespace Backtesting.Application.Runs;

/// <summary>
/// A row of <c>backtest_results</c>: headline metrics as columns, every metric as JSON, the
/// downsampled equity preview as JSON and the reference of the full curve blob.
/// </summary>
public sealed record RunResultRecord
{
    public required string Id { get; init; }
    public required string RunId { get; init; }
    public required decimal FinalCapital { get; init; }
    public required decimal TotalReturn { get; init; }
    public decimal? SharpeRatio { get; init; }
    public decimal? MaxDrawdown { get; init; }
    public decimal? WinRate { get; init; }
    public int? TotalTrades { get; init; }
    public int? WinningTrades { get; init; }
    public int? LosingTrades { get; init; }
    public decimal? AvgWin { get; init; }
    public decimal? AvgLoss { get; init; }
    public decimal? ProfitFactor { get; init; }

    /// <summary>JSON object: every metric by name (and kind-specific summaries for research jobs).</summary>
    public required string Metrics { get; init; }

    /// <summary>JSON: {"points":[[iso time, equity], ...], "blob": "...", "total_points": n}.</summary>
    public string? EquityCurve { get; init; }

    /// <summary>Reference of the full equity curve blob (also inside <see cref="EquityCurve"/>).</summary>
    public string? CurveBlob { get; init; }
    public required DateTime CreatedAt { get; init; }
}
