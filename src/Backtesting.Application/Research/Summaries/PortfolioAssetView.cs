using System.Text.Json;
using Backtesting.Engine.Portfolio;

namespace Backtesting.Application.Research;

/// <summary>One asset of a portfolio: its strategy, weights, P&amp;L and contribution.</summary>
public sealed record PortfolioAssetView
{
    public string Symbol { get; init; } = "";
    public string StrategyId { get; init; } = "";

    /// <summary>The asset's strategy parameters as requested.</summary>
    public IReadOnlyDictionary<string, JsonElement> Params { get; init; } = ResearchJson.NoParameters;
    public double TargetWeight { get; init; }

    /// <summary>The asset's share of the portfolio at the end.</summary>
    public double? FinalWeight { get; init; }

    /// <summary>Net P&amp;L ($).</summary>
    public double? Pnl { get; init; }

    /// <summary>pnl over the initial capital.</summary>
    public double? Contribution { get; init; }
    public double? Fees { get; init; }
    public int ClosedTrades { get; init; }
    public int OpenTrades { get; init; }

    /// <summary>Fraction of bars with a position open.</summary>
    public double? Exposure { get; init; }
    public double? BuyAndHoldReturn { get; init; }

    public static PortfolioAssetView Of(PortfolioAssetResult a, PortfolioAssetSpec spec) => new()
    {
        Symbol = a.Symbol,
        StrategyId = a.StrategyId,
        Params = (IReadOnlyDictionary<string, JsonElement>?)spec.Parameters ?? ResearchJson.NoParameters,
        TargetWeight = a.TargetWeight,
        FinalWeight = ResearchJson.Finite(a.FinalWeight),
        Pnl = ResearchJson.Finite(a.Pnl),
        Contribution = ResearchJson.Finite(a.Contribution),
        Fees = ResearchJson.Finite(a.Fees),
        ClosedTrades = a.ClosedTrades,
        OpenTrades = a.OpenTrades,
        Exposure = ResearchJson.Finite(a.Exposure),
        BuyAndHoldReturn = ResearchJson.Finite(a.BuyAndHoldReturn),
    };
}
