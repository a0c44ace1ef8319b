using Backtesting.Application.Views;

namespace Backtesting.Application.Research;

/// <summary>A portfolio backtest's summary: rebalancing, each asset's contribution and the portfolio's metrics.</summary>
public sealed record PortfolioSummary : ResearchSummary
{
    /// <summary>none, periodic modes or threshold.</summary>
    public string Rebalance { get; init; } = "";

    /// <summary>The drift that triggers a threshold rebalance; null for other modes.</summary>
    public double? DriftThreshold { get; init; }

    /// <summary>Rebalances done.</summary>
    public int Rebalances { get; init; }

    /// <summary>Every asset in request order.</summary>
    public IReadOnlyList<PortfolioAssetView> Assets { get; init; } = [];

    public MetricValues PortfolioMetrics { get; init; } = [];

    /// <summary>The blob of each asset's trades ({symbol: [trade, ...]}).</summary>
    public string AssetTradesBlob { get; init; } = "";
}
