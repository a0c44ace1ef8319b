using System.Text.Json;
using Backtesting.Application.Views;

namespace Backtesting.Application.Research;

/// <summary>A compared candidate: its strategy and parameters, its rank (1 = best) and its metrics.</summary>
public sealed record ComparisonCandidateView
{
    /// <summary>Request order.</summary>
    public int Index { get; init; }
    public string Label { get; init; } = "";
    public string StrategyId { get; init; } = "";
    public IReadOnlyDictionary<string, JsonElement> Params { get; init; } = ResearchJson.NoParameters;
    public int Rank { get; init; }
    public MetricValues Metrics { get; init; } = [];
}
