using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// Paths [Start, Start + Paths.Count) of a study (a workflow chunk), with what <see cref="MonteCarloSimulator.Merge"/>
/// needs to combine batches: the band steps, the metric names, and the baseline backtest.
/// </summary>
public sealed record MonteCarloBatch
{
    /// <summary>Index of the first path of the batch.</summary>
    public required int Start { get; init; }
    public required IReadOnlyList<MonteCarloPath> Paths { get; init; }

    /// <summary>The metric names of <see cref="MonteCarloPath.Metrics"/>.</summary>
    public required IReadOnlyList<string> MetricNames { get; init; }

    /// <summary>Where the band points lie: trade numbers (0 = before the first trade) or bar indices.</summary>
    public required int[] BandSteps { get; init; }

    /// <summary>Timestamps (UTC ticks) of the band points for price paths; null for trade paths.</summary>
    public long[]? BandTimestamps { get; init; }

    /// <summary>The backtest on the actual data.</summary>
    public required PerformanceMetrics Baseline { get; init; }

    /// <summary>Trade methods: the closed trades in their original order, measured as every path; null for price paths.</summary>
    public MonteCarloPath? OriginalOrder { get; init; }

    /// <summary>Trades resampled by trade methods (0 for price paths).</summary>
    public int TradeCount { get; init; }
}
