namespace Backtesting.Application.Views;

/// <summary>GET /api/backtests/{id}/metrics: the named metrics of a run (every metric when none is named; null where undefined or not stored).</summary>
/// <param name="BacktestId">The run.</param>
/// <param name="Status">The run's status.</param>
/// <param name="Metrics">The metrics asked for, by name, in the order asked; null until the run has completed.</param>
public sealed record MetricsView(string BacktestId, string Status, MetricValues? Metrics);
