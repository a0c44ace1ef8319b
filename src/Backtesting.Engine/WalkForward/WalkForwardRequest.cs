using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.WalkForward;

/// <summary>
/// A walk-forward analysis: optimize the axes on each in-sample window by the objective, then trade
/// the best parameters on the following out-of-sample window.
/// </summary>
public sealed record WalkForwardRequest
{
    public required string StrategyId { get; init; }

    /// <summary>The strategies <see cref="StrategyId"/> may name (the built-ins, and a user's own).</summary>
    public StrategyLookup Strategies { get; init; } = StrategyLookup.BuiltIns;
    public IReadOnlyDictionary<string, object?> FixedParameters { get; init; } = new Dictionary<string, object?>();
    public required IReadOnlyList<ParameterAxis> Axes { get; init; }
    public string Objective { get; init; } = "sharpe_ratio";

    /// <summary>Null: the metric's natural direction.</summary>
    public bool? Maximize { get; init; }
    public required double InitialCapital { get; init; }

    /// <summary>Metric options; a null annualisation factor is inferred once from the whole series and used for every window.</summary>
    public BacktestOptions Options { get; init; } = BacktestOptions.Default;

    public required WindowLength InSample { get; init; }
    public required WindowLength OutOfSample { get; init; }
    public WalkForwardMode Mode { get; init; } = WalkForwardMode.Rolling;

    /// <summary>In-sample random search: cells drawn per window (null: the whole grid), with <see cref="Seed"/>.</summary>
    public int? RandomSamples { get; init; }
    public long Seed { get; init; }

    /// <summary>Upper bound on grid cells per window.</summary>
    public int MaxCells { get; init; } = 100_000;

    /// <summary>Upper bound on windows.</summary>
    public int MaxWindows { get; init; } = 1_000;

    /// <summary>Degree of parallelism of each in-sample grid; null for every core.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>The in-sample grid search of one window.</summary>
    public OptimizationRequest ToOptimizationRequest(double periodsPerYear) => new()
    {
        StrategyId = StrategyId,
        Strategies = Strategies,
        FixedParameters = FixedParameters,
        Axes = Axes,
        Objective = Objective,
        Maximize = Maximize,
        InitialCapital = InitialCapital,
        Options = Options with { PeriodsPerYear = periodsPerYear },
        MaxCells = MaxCells,
        MaxParallelism = MaxParallelism,
        RandomSamples = RandomSamples,
        Seed = Seed,
    };
}
