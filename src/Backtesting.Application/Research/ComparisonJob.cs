using Backtesting.Application.Strategies;
using Backtesting.Engine.Comparison;

namespace Backtesting.Application.Research;

/// <summary>A validated comparison (candidates with their strategy and parameters resolved): the workflow's input and the run's stored request.</summary>
public sealed record ComparisonJob : IResearchJob
{
    public required string RunId { get; init; }
    public required string UserId { get; init; }
    public required ResearchScope Scope { get; init; }
    public required List<ComparisonCandidateSpec> Candidates { get; init; }
    public required string RankBy { get; init; }
    public bool? Maximize { get; init; }
    public int BatchSize { get; init; } = 1;

    /// <summary>Definitions of the user strategies the job names (id -> definition JSON) as they were at submission; null: built-ins only.</summary>
    public Dictionary<string, string>? UserStrategies { get; init; }

    /// <summary>The engine request over the scope's bars (loaded for its window already, so no from/to).</summary>
    public ComparisonRequest ToEngineRequest(int maxCandidates) => new()
    {
        Candidates = Candidates.Select(c => new ComparisonCandidate
        {
            StrategyId = c.StrategyId ?? "",
            Parameters = (c.Parameters ?? []).ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
            Label = c.Label,
        }).ToArray(),
        Strategies = StoredStrategyDefinitions.Lookup(UserStrategies),
        InitialCapital = Scope.InitialCapital,
        Options = Scope.ToBacktestOptions(),
        RankBy = RankBy,
        Maximize = Maximize,
        MaxCandidates = maxCandidates,
    };
}
