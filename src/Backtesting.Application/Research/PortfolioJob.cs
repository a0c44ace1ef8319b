using Backtesting.Application.Strategies;
using Backtesting.Engine.Portfolio;

namespace Backtesting.Application.Research;

/// <summary>A validated portfolio backtest (every asset's weight, strategy and parameters resolved): the workflow's input and the run's stored request.</summary>
public sealed record PortfolioJob : IResearchJob
{
    public required string RunId { get; init; }
    public required string UserId { get; init; }

    /// <summary>Window, timeframe and capital; its asset is left empty (the assets are listed).</summary>
    public required ResearchScope Window { get; init; }
    public required List<PortfolioAssetSpec> Assets { get; init; }
    public required string Rebalance { get; init; }
    public double DriftThreshold { get; init; } = 0.05;

    /// <summary>Definitions of the user strategies the job names (id -> definition JSON) as they were at submission; null: built-ins only.</summary>
    public Dictionary<string, string>? UserStrategies { get; init; }

    /// <summary>The engine request (every part was validated at submission).</summary>
    public PortfolioRequest ToEngineRequest() => new()
    {
        Assets = Assets.Select(a => new PortfolioAsset
        {
            Symbol = a.Symbol!,
            Weight = a.Weight ?? 0,
            StrategyId = a.StrategyId,
            Parameters = (a.Parameters ?? []).ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
        }).ToArray(),
        Strategies = StoredStrategyDefinitions.Lookup(UserStrategies),
        InitialCapital = Window.InitialCapital,
        Options = Window.ToBacktestOptions(),
        Rebalance = RebalanceModes.TryParse(Rebalance, out var mode) ? mode : throw new InvalidOperationException($"unknown rebalance mode '{Rebalance}'"),
        DriftThreshold = DriftThreshold,
    };
}
