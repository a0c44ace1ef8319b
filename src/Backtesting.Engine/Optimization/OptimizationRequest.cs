using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Optimization;

/// <summary>A grid (or seeded random) search: strategy, fixed parameters, axes, objective metric and its direction.</summary>
public sealed record OptimizationRequest
{
    public required string StrategyId { get; init; }

    /// <summary>The strategy when it is not a built-in (a rules strategy, whose id is <see cref="StrategyId"/>); null: the catalog's.</summary>
    public StrategyDefinition? Strategy { get; init; }

    /// <summary>The strategies <see cref="StrategyId"/> may name (the built-ins, and a user's own).</summary>
    public StrategyLookup Strategies { get; init; } = StrategyLookup.BuiltIns;
    public IReadOnlyDictionary<string, object?> FixedParameters { get; init; } = new Dictionary<string, object?>();
    public required IReadOnlyList<ParameterAxis> Axes { get; init; }
    /// <summary>The metric cells are ranked by (any name of <see cref="Metrics.MetricNames.All"/>).</summary>
    public string Objective { get; init; } = "sharpe_ratio";

    /// <summary>Null: the metric's natural direction (e.g. minimize max_drawdown).</summary>
    public bool? Maximize { get; init; }
    public required double InitialCapital { get; init; }
    public BacktestOptions Options { get; init; } = BacktestOptions.Default;

    /// <summary>Upper bound on cells (a limit, not a sample size).</summary>
    public int MaxCells { get; init; } = 100_000;

    /// <summary>Degree of parallelism; null for every core.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>
    /// Random search: evaluate this many cells drawn from the grid without replacement (all of them
    /// when the grid is smaller); null evaluates every cell in grid order.
    /// </summary>
    public int? RandomSamples { get; init; }

    /// <summary>
    /// Cells with fewer closed trades than this rank after every cell that has enough (and are marked), so a
    /// one-trade fluke cannot come out best; 0 (the default) ranks by the objective alone.
    /// </summary>
    public int MinTrades { get; init; }

    /// <summary>Seed of the random search: draw i is a pure function of (seed, i), see <see cref="GridOptimizer.CellParameters"/>.</summary>
    public long Seed { get; init; }
}
