using Backtesting.Engine.Metrics;

namespace Backtesting.Engine.MonteCarlo;

/// <summary>The merged outcome of every path of a Monte Carlo study.</summary>
public sealed record MonteCarloResult
{
    public required MonteCarloMethod Method { get; init; }
    public required int Paths { get; init; }
    public required long Seed { get; init; }
    /// <summary>The percentile levels of every distribution and band, in request order.</summary>
    public required IReadOnlyList<double> Levels { get; init; }

    /// <summary>final_capital, max_drawdown, then the requested metrics.</summary>
    public required IReadOnlyList<MetricDistribution> Distributions { get; init; }

    /// <summary>Fraction of paths ending below the initial capital.</summary>
    public required double ProbabilityOfLoss { get; init; }
    public required double DrawdownThreshold { get; init; }

    /// <summary>Fraction of paths whose maximum drawdown exceeds <see cref="DrawdownThreshold"/>.</summary>
    public required double ProbabilityOfDrawdownBeyondThreshold { get; init; }
    public required EquityBands Bands { get; init; }

    /// <summary>The backtest on the actual data, for comparison.</summary>
    public required PerformanceMetrics Baseline { get; init; }
    /// <summary>
    /// Trade methods: final_capital, max_drawdown and every requested metric of the closed trades in
    /// their original order, measured exactly as every path (final capital = initial capital + closed
    /// pnl, drawdown trade by trade); null for price paths.
    /// </summary>
    public IReadOnlyDictionary<string, double?>? OriginalOrder { get; init; }

    /// <summary>How max_drawdown (and max_drawdown_duration) is measured on the paths and in <see cref="BaselineValue"/>: "trades" or "bars".</summary>
    public required string DrawdownBasis { get; init; }

    /// <summary>Trades resampled by the trade methods (0 for price paths).</summary>
    public int TradeCount { get; init; }

    /// <summary>
    /// The baseline value of a reported metric on the paths' own basis: for trade methods the original
    /// trade order (<see cref="OriginalOrder"/>), for price methods the backtest on the actual bars.
    /// </summary>
    public double? BaselineValue(string metric) =>
        OriginalOrder is { } original && original.TryGetValue(metric, out var value) ? value : MetricNames.Read(Baseline, metric);

    /// <summary>The distribution of the named metric, or null when it was not requested.</summary>
    public MetricDistribution? Distribution(string metric) => Distributions.FirstOrDefault(d => d.Metric == metric);
}
