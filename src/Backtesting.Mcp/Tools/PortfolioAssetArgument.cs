using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backtesting.Mcp.Tools;

/// <summary>One asset of run_portfolio_backtest (snake_case like every argument).</summary>
public sealed record PortfolioAssetArgument
{
    [JsonPropertyName("symbol")]
    [Description("Asset symbol from list_assets, e.g. 'GOOG'.")]
    [Required, StringLength(32, MinimumLength = 1)]
    public string? Symbol { get; init; }

    [JsonPropertyName("weight")]
    [Description("Target fraction of portfolio equity in (0, 1]; the weights sum to at most 1, the rest stays in cash. Omit on every asset for equal weights.")]
    [Range(0d, 1d, MinimumIsExclusive = true)]
    public double? Weight { get; init; }

    [JsonPropertyName("strategy_id")]
    [Description("This asset's strategy (see list_strategies); omitted: the tool's strategy_id.")]
    [StringLength(64, MinimumLength = 1)]
    public string? StrategyId { get; init; }

    [JsonPropertyName("parameters")]
    [Description("This asset's own strategy parameters; they override the tool's shared parameters.")]
    public Dictionary<string, JsonElement>? Parameters { get; init; }
}
