namespace Backtesting.Application.Research;

/// <summary>A row of a Monte Carlo run's per-path table (its blob): the path's final capital, max drawdown and metrics by name (null where undefined).</summary>
public sealed record MonteCarloPathRow(int Index, double? FinalCapital, double? MaxDrawdown, IReadOnlyDictionary<string, double?> Metrics);
