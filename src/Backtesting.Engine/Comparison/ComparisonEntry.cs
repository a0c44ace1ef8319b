using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.Comparison;

/// <summary>
/// One candidate's backtest: its metrics, the resolved parameters, and its equity and return per
/// UTC calendar day (the last equity of each day; the first day's return is against the initial capital).
/// </summary>
public sealed record ComparisonEntry
{
    /// <summary>Position of the candidate in the request.</summary>
    public required int Index { get; init; }
    public required string Label { get; init; }
    public required string StrategyId { get; init; }
    /// <summary>Every parameter, defaults filled in.</summary>
    public required IReadOnlyDictionary<string, object?> Parameters { get; init; }
    public required PerformanceMetrics Metrics { get; init; }

    /// <summary>Days as whole days since 0001-01-01 (UTC), one per day with a bar.</summary>
    public required long[] Days { get; init; }
    public required double[] DailyEquity { get; init; }
    public required double[] DailyReturns { get; init; }
}
