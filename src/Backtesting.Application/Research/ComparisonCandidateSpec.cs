using System.Text.Json;

namespace Backtesting.Application.Research;

/// <summary>One strategy or parameter set of a comparison, as sent and (resolved) as stored in the job.</summary>
public sealed record ComparisonCandidateSpec
{
    /// <summary>Null: the request's strategy_id.</summary>
    public string? StrategyId { get; init; }

    /// <summary>Own parameters, over the request's shared ones (see <see cref="SharedParameters"/>).</summary>
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    /// <summary>Display name; null for "strategy_id(name=value, ...)".</summary>
    public string? Label { get; init; }
}
