using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.Portfolio;

/// <summary>
/// Portfolio metrics (over the union of the assets' timestamps; open_trades counts every open
/// position; buy_and_hold_return is the weighted sum of the assets'), the equity curve, each asset's
/// contribution, and how many rebalances ran.
/// </summary>
public sealed record PortfolioResult
{
    public required PerformanceMetrics Metrics { get; init; }
    public required double[] Equity { get; init; }
    /// <summary>The union of the assets' timestamps (UTC ticks), one per equity point.</summary>
    public required long[] Timestamps { get; init; }
    public required IReadOnlyList<PortfolioAssetResult> Assets { get; init; }
    public required int Rebalances { get; init; }
}
