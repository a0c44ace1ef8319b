using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.Simulation;

/// <summary>Metrics, trades (closed ones first, then the open one if any) and the equity at every bar's close.</summary>
public sealed record BacktestResult(PerformanceMetrics Metrics, IReadOnlyList<Trade> Trades, double[] Equity, long[] Timestamps);
