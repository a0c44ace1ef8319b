using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backtesting.Mcp.Tools;

/// <summary>One candidate of compare_strategies (snake_case like every argument).</summary>
public sealed record ComparisonCandidateArgument
{
    [JsonPropertyName("strategy_id")]
    [Description("The candidate's strategy (see list_strategies); omitted: the tool's strategy_id, to compare parameter sets of one strategy.")]
    [StringLength(64, MinimumLength = 1)]
    public string? StrategyId { get; init; }

    [JsonPropertyName("parameters")]
    [Description("The candidate's own strategy parameters, e.g. {\"fast_period\": 10, \"slow_period\": 20}; they override the tool's shared parameters.")]
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    [JsonPropertyName("label")]
    [Description("Name in the output; omitted: 'strategy_id(name=value, ...)'.")]
    [StringLength(100, MinimumLength = 1)]
    public string? Label { get; init; }
}
