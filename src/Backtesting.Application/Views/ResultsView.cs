using System.Text.Json.Nodes;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;

namespace Backtesting.Application.Views;

/// <summary>
/// A run's results: metrics (null until completed), one page of trades and the equity curve
/// downsampled to at most max_points points ([iso time, equity] pairs).
/// </summary>
public sealed record ResultsView
{
    public required string BacktestId { get; init; }
    public required string Status { get; init; }
    public double Progress { get; init; }
    /// <summary>The run's metrics; for a research run, those of its representative backtest (null when it has none).</summary>
    public MetricValues? Metrics { get; init; }

    /// <summary>For research runs, the job's summary (best cell, percentiles, ranking, ...); null for a backtest.</summary>
    public ResearchSummary? Summary { get; init; }
    public Page<TradeRecord>? Trades { get; init; }
    public JsonArray? EquityCurve { get; init; }
    public int EquityPointsTotal { get; init; }
    public string? Error { get; init; }
}
