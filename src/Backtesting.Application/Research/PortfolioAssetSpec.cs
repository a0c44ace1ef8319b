using System.Text.Json;

namespace Backtesting.Application.Research;

/// <summary>One asset of a portfolio, as sent and (resolved) as stored in the job.</summary>
public sealed record PortfolioAssetSpec
{
    /// <summary>Asset symbol (see GET /api/assets).</summary>
    public string? Symbol { get; init; }

    /// <summary>Target fraction of equity in (0, 1]; omitted on every asset: equal weights summing to 1.</summary>
    public double? Weight { get; init; }

    /// <summary>Null: the request's strategy_id.</summary>
    public string? StrategyId { get; init; }

    /// <summary>Own parameters, over the request's shared ones (see <see cref="SharedParameters"/>).</summary>
    public Dictionary<string, JsonElement>? Parameters { get; init; }
}
