namespace Backtesting.Application.Research;

/// <summary>
/// POST /api/portfolios and run_portfolio_backtest: several assets with target weights sharing one cash
/// account over the same window. strategy_id (default buy_and_hold) and parameters are shared by the
/// assets (see <see cref="SharedParameters"/>); asset_symbol is not used (list the assets instead).
/// </summary>
public sealed record PortfolioApiRequest : ResearchRequestBase
{
    public List<PortfolioAssetSpec>? Assets { get; init; }

    /// <summary>none (default), daily, weekly, monthly or threshold.</summary>
    public string? Rebalance { get; init; }

    /// <summary>For threshold rebalancing: the weight drift that triggers it (default 0.05 = 5 points).</summary>
    public double? DriftThreshold { get; init; }
}
