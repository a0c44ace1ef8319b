using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// A Monte Carlo study of one strategy configuration: <see cref="Paths"/> paths from a run seed,
/// path i drawing its randomness only from (seed, i).
/// </summary>
public sealed record MonteCarloRequest
{
    public required string StrategyId { get; init; }

    /// <summary>The strategies <see cref="StrategyId"/> may name (the built-ins, and a user's own).</summary>
    public StrategyLookup Strategies { get; init; } = StrategyLookup.BuiltIns;
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();
    public required double InitialCapital { get; init; }
    public BacktestOptions Options { get; init; } = BacktestOptions.Default;
    public MonteCarloMethod Method { get; init; } = MonteCarloMethod.TradeReshuffle;
    public int Paths { get; init; } = 1_000;
    /// <summary>Run seed: path i draws from xoshiro256** seeded with SplitMix64.DeriveSeed(seed, i).</summary>
    public long Seed { get; init; }

    /// <summary>Bars per block of the block bootstrap.</summary>
    public int BlockLength { get; init; } = 20;

    /// <summary>The drawdown level whose exceedance probability is reported (0.2 = 20 %).</summary>
    public double DrawdownThreshold { get; init; } = 0.2;

    /// <summary>
    /// Metrics whose distribution is reported besides final_capital and max_drawdown; null for the
    /// method's default. Trade methods support <see cref="MonteCarloSimulator.TradeMetrics"/>; price paths any metric.
    /// </summary>
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>Percentile levels in [0, 100] of every distribution and of the equity bands.</summary>
    public IReadOnlyList<double> Percentiles { get; init; } = [5, 25, 50, 75, 95];

    /// <summary>Points of the equity bands (fan chart), spread evenly over the path.</summary>
    public int BandPoints { get; init; } = 101;

    /// <summary>Upper bound on <see cref="Paths"/>.</summary>
    public int MaxPaths { get; init; } = 100_000;

    /// <summary>Degree of parallelism; null for every core.</summary>
    public int? MaxParallelism { get; init; }
}
