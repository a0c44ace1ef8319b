using System.Text.Json;
using Backtesting.Application.Strategies;
using Backtesting.Engine.Optimization;

namespace Backtesting.Application.Research;

/// <summary>A validated optimization: the workflow's input and the run's stored request.</summary>
public sealed record OptimizationJob : IResearchJob
{
    public required string RunId { get; init; }
    public required string UserId { get; init; }
    public required ResearchScope Scope { get; init; }
    public required string StrategyId { get; init; }
    public required Dictionary<string, JsonElement> FixedParameters { get; init; }
    public required List<GridAxisSpec> Grid { get; init; }
    public required string Objective { get; init; }
    public bool? Maximize { get; init; }
    public int? RandomSamples { get; init; }
    public long Seed { get; init; }
    public int MinTrades { get; init; }
    public int TopN { get; init; } = 10;
    public int BatchSize { get; init; } = 25;

    /// <summary>Definitions of the user strategies the job names (id -> definition JSON) as they were at submission; null: built-ins only.</summary>
    public Dictionary<string, string>? UserStrategies { get; init; }

    /// <summary>The engine request (axes parsed from the grid; they were validated at submission).</summary>
    public OptimizationRequest ToEngineRequest(int maxCells) => new()
    {
        StrategyId = StrategyId,
        Strategies = StoredStrategyDefinitions.Lookup(UserStrategies),
        FixedParameters = FixedParameters.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
        Axes = Grid.Select(a => GridAxes.Parse(a.Name, a.Values)).ToArray(),
        Objective = Objective,
        Maximize = Maximize,
        InitialCapital = Scope.InitialCapital,
        Options = Scope.ToBacktestOptions(),
        RandomSamples = RandomSamples,
        Seed = Seed,
        MinTrades = MinTrades,
        MaxCells = maxCells,
    };
}
