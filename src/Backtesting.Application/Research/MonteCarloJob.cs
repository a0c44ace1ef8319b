using System.Text.Json;
using Backtesting.Application.Strategies;
using Backtesting.Engine.MonteCarlo;

namespace Backtesting.Application.Research;

/// <summary>A validated Monte Carlo study: the workflow's input and the run's stored request.</summary>
public sealed record MonteCarloJob : IResearchJob
{
    public required string RunId { get; init; }
    public required string UserId { get; init; }
    public required ResearchScope Scope { get; init; }
    public required string StrategyId { get; init; }
    public required Dictionary<string, JsonElement> Parameters { get; init; }
    public required string Method { get; init; }
    public required int Paths { get; init; }
    public required long Seed { get; init; }
    public int BlockLength { get; init; } = 20;
    public double DrawdownThreshold { get; init; } = 0.2;
    public List<string>? Metrics { get; init; }
    public required List<double> Percentiles { get; init; }
    public int BandPoints { get; init; } = 101;
    public int BatchSize { get; init; } = 250;

    /// <summary>Definitions of the user strategies the job names (id -> definition JSON) as they were at submission; null: built-ins only.</summary>
    public Dictionary<string, string>? UserStrategies { get; init; }

    /// <summary>The engine request (every part was validated at submission).</summary>
    public MonteCarloRequest ToEngineRequest(int maxPaths) => new()
    {
        StrategyId = StrategyId,
        Strategies = StoredStrategyDefinitions.Lookup(UserStrategies),
        Parameters = Parameters.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
        InitialCapital = Scope.InitialCapital,
        Options = Scope.ToBacktestOptions(),
        Method = MonteCarloMethods.TryParse(Method, out var method) ? method : throw new InvalidOperationException($"unknown Monte Carlo method '{Method}'"),
        Paths = Paths,
        Seed = Seed,
        BlockLength = BlockLength,
        DrawdownThreshold = DrawdownThreshold,
        Metrics = Metrics,
        Percentiles = Percentiles,
        BandPoints = BandPoints,
        MaxPaths = maxPaths,
    };
}
