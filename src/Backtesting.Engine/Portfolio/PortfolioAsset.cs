namespace Backtesting.Engine.Portfolio;

/// <summary>
/// One asset of a portfolio: its symbol (the key of its bars), target weight, and optionally its own
/// strategy and parameters (otherwise the request's).
/// </summary>
public sealed record PortfolioAsset
{
    public required string Symbol { get; init; }

    /// <summary>Target fraction of portfolio equity in (0, 1]; the weights sum to at most 1, the rest stays in cash.</summary>
    public required double Weight { get; init; }

    /// <summary>This asset's strategy; null for the request's <see cref="PortfolioRequest.StrategyId"/>.</summary>
    public string? StrategyId { get; init; }

    /// <summary>This asset's parameters; null for the request's <see cref="PortfolioRequest.Parameters"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }
}
