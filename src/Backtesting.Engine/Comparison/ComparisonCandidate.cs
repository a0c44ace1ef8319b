namespace Backtesting.Engine.Comparison;

/// <summary>One strategy or parameter set of a comparison; the label names it in the output.</summary>
public sealed record ComparisonCandidate
{
    public required string StrategyId { get; init; }
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Display name; null for "strategy_id(name=value, ...)" of the given parameters.</summary>
    public string? Label { get; init; }
}
