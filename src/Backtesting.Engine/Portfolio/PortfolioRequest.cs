using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Portfolio;

/// <summary>A multi-asset backtest sharing one cash account.</summary>
public sealed record PortfolioRequest
{
    public required IReadOnlyList<PortfolioAsset> Assets { get; init; }

    /// <summary>The strategy of every asset that does not name its own.</summary>
    public string StrategyId { get; init; } = "buy_and_hold";

    /// <summary>The strategies the request and its assets may name (the built-ins, and a user's own).</summary>
    public StrategyLookup Strategies { get; init; } = StrategyLookup.BuiltIns;

    /// <summary>The parameters of every asset that does not give its own.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();
    public required double InitialCapital { get; init; }

    /// <summary>Metric options; a null annualisation factor is inferred from the union of the timestamps.</summary>
    public BacktestOptions Options { get; init; } = BacktestOptions.Default;
    public RebalanceMode Rebalance { get; init; } = RebalanceMode.None;

    /// <summary>For <see cref="RebalanceMode.Threshold"/>: the absolute weight drift (0.05 = 5 points) that triggers a rebalance.</summary>
    public double DriftThreshold { get; init; } = 0.05;
}
