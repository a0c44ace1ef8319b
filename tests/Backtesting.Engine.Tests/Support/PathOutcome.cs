using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Tests.Support;

/// <summary>
/// What one simulation path reports for a run: the metrics always; the trade list (closed trades, then
/// the open one) and the equity curve only where the path keeps them (null where it keeps totals only).
/// </summary>
public sealed record PathOutcome(PerformanceMetrics Metrics, IReadOnlyList<Trade>? Trades, double[]? Equity);
