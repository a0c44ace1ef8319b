using Backtesting.Engine.Metrics;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Optimization;

/// <summary>One grid cell: its parameter values and either metrics or the reasons it was skipped.</summary>
public sealed record OptimizationCell(int Index, IReadOnlyDictionary<string, object?> Parameters, PerformanceMetrics? Metrics, IReadOnlyList<ValidationError>? Errors)
{
    public bool Skipped => Metrics is null;

    /// <summary>
    /// Whether the cell closed fewer trades than the request's minimum, so it ranks after every cell with enough;
    /// set by <see cref="GridOptimizer.Merge"/> (false on a cell fresh from evaluation).
    /// </summary>
    public bool BelowMinTrades { get; init; }
}
