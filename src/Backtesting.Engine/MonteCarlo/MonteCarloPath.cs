namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// One path's outcome: final capital, maximum drawdown, the requested metrics (in request order,
/// null where undefined) and its equity at the band steps.
/// </summary>
public sealed record MonteCarloPath(int Index, double FinalCapital, double MaxDrawdown, double?[] Metrics, double[] Band);
