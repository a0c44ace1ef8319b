namespace Backtesting.Engine.Metrics;

/// <summary>
/// The metrics of the simulation contract. Ratios are fractions (0.05 = 5 %); money is in the
/// account currency. Null where a metric is undefined (e.g. profit_factor without losers).
/// </summary>
public sealed record PerformanceMetrics
{
    public required double InitialCapital { get; init; }
    public required double FinalCapital { get; init; }
    public required double TotalReturn { get; init; }
    public required double AnnualReturn { get; init; }
    public required double MaxDrawdown { get; init; }
    public required int MaxDrawdownDuration { get; init; }
    public double? SharpeRatio { get; init; }
    public double? SortinoRatio { get; init; }
    public double? CalmarRatio { get; init; }
    public required int TotalTrades { get; init; }
    public required int OpenTrades { get; init; }
    public required int WinningTrades { get; init; }
    public required int LosingTrades { get; init; }
    public double? WinRate { get; init; }
    public double? AvgWin { get; init; }
    public double? AvgLoss { get; init; }
    public double? ProfitFactor { get; init; }
    public double? Expectancy { get; init; }
    public required double TotalFees { get; init; }
    public required double Exposure { get; init; }
    public required double BuyAndHoldReturn { get; init; }
    public required int Bars { get; init; }
    public required double PeriodsPerYear { get; init; }

    /// <summary>The annual risk-free rate the Sharpe and Sortino ratios were computed with (echoed so a reader knows which).</summary>
    public double RiskFreeRate { get; init; }
}
