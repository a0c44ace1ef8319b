using System.Text.Json;

namespace Backtesting.Application.Research;

/// <summary>One strategy or parameter set of a comparison, as sent and (resolved) as stored in the job.</summary>
public sealed record ComparisonCandidateSpec
{
    /// <summary>Null: the request's strategy_id.</summary>
    public string? StrategyId { get; init; }

    /// <summary>Own parameters, over the request's shared ones (see <see cref="SharedParameters"/>).</summary>
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    /// <summary>Display name; null for "strategy_id(name=value, ...)" of the candidate's own parameters.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// "strategy_id(name=value, ...)" of the candidate's own parameters (the shared ones are the same for all).
    /// Fixed at submission: a stored job's parameter order depends on the store (PostgreSQL's jsonb sorts keys).
    /// </summary>
    public static string DefaultLabel(string? strategyId, IReadOnlyDictionary<string, JsonElement>? own) =>
        own is null || own.Count == 0
            ? strategyId ?? ""
            : $"{strategyId}({string.Join(", ", own.Select(p => $"{p.Key}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"))})";
}
