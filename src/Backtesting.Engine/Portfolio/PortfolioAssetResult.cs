using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Portfolio;

/// <summary>
/// One asset's part of the portfolio: pnl (every cash flow it caused plus its final holding at the
/// last close), contribution = pnl / initial capital (contributions sum to the portfolio's
/// total_return), fees, trades (bar indices refer to the asset's own bars), exposure over the
/// portfolio's bars, and its final weight.
/// </summary>
public sealed record PortfolioAssetResult
{
    public required string Symbol { get; init; }
    public required string StrategyId { get; init; }
    public required double TargetWeight { get; init; }
    public required double FinalWeight { get; init; }
    public required double Pnl { get; init; }
    public required double Contribution { get; init; }
    public required double Fees { get; init; }
    public required int ClosedTrades { get; init; }
    public required int OpenTrades { get; init; }
    public required double Exposure { get; init; }
    public required double BuyAndHoldReturn { get; init; }
    public required IReadOnlyList<Trade> Trades { get; init; }
}
