using System.Text.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Strategies;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Application.Research;

/// <summary>A validated walk-forward analysis: the workflow's input and the run's stored request.</summary>
public sealed record WalkForwardJob : IResearchJob
{
    public static readonly IReadOnlyList<string> Modes = ["rolling", "anchored"];

    public required string RunId { get; init; }
    public required string UserId { get; init; }
    public required ResearchScope Scope { get; init; }
    public required string StrategyId { get; init; }
    public required Dictionary<string, JsonElement> FixedParameters { get; init; }
    public required List<GridAxisSpec> Grid { get; init; }
    public required string Objective { get; init; }
    public bool? Maximize { get; init; }

    /// <summary>Window lengths as given (a bar count or a span such as "90d"), parsed again by the activities.</summary>
    public required string InSample { get; init; }
    public required string OutOfSample { get; init; }
    public required string Mode { get; init; }
    public int? RandomSamples { get; init; }
    public long Seed { get; init; }
    public int BatchSize { get; init; } = 1;

    /// <summary>Definitions of the user strategies the job names (id -> definition JSON) as they were at submission; null: built-ins only.</summary>
    public Dictionary<string, string>? UserStrategies { get; init; }

    /// <summary>The engine request (every part was validated at submission).</summary>
    public WalkForwardRequest ToEngineRequest(BacktestingLimits limits) => new()
    {
        StrategyId = StrategyId,
        Strategies = StoredStrategyDefinitions.Lookup(UserStrategies),
        FixedParameters = FixedParameters.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
        Axes = Grid.Select(a => GridAxes.Parse(a.Name, a.Values)).ToArray(),
        Objective = Objective,
        Maximize = Maximize,
        InitialCapital = Scope.InitialCapital,
        Options = Scope.ToBacktestOptions(),
        InSample = WindowLength.Parse(InSample),
        OutOfSample = WindowLength.Parse(OutOfSample),
        Mode = Mode == "anchored" ? WalkForwardMode.Anchored : WalkForwardMode.Rolling,
        RandomSamples = RandomSamples,
        Seed = Seed,
        MaxCells = limits.MaxGridCells,
        MaxWindows = limits.MaxWalkForwardWindows,
    };
}
