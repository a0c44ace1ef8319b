namespace Backtesting.Application.Research;

/// <summary>A Monte Carlo study's summary: the distribution of each metric over the paths, probabilities and fan-chart bands.</summary>
public sealed record MonteCarloSummary : ResearchSummary
{
    /// <summary>trade_reshuffle, trade_bootstrap, gbm or block_bootstrap.</summary>
    public string Method { get; init; } = "";

    /// <summary>What the method varies and what it leaves unchanged.</summary>
    public string? Note { get; init; }

    /// <summary>Paths simulated.</summary>
    public int Paths { get; init; }

    /// <summary>The seed (path i always uses the seed derived from it and i).</summary>
    public long Seed { get; init; }

    /// <summary>The percentile levels reported (each distribution's and the bands' p-keys).</summary>
    public IReadOnlyList<double?> Percentiles { get; init; } = [];

    /// <summary>Closed trades of the base backtest that trade methods resample.</summary>
    public int TradeCount { get; init; }

    /// <summary>What a path's max_drawdown is measured on.</summary>
    public string DrawdownBasis { get; init; } = "";

    /// <summary>Share of paths that end below the initial capital.</summary>
    public double ProbabilityOfLoss { get; init; }

    public double DrawdownThreshold { get; init; }

    /// <summary>Share of paths whose max_drawdown exceeds drawdown_threshold.</summary>
    public double ProbabilityOfDrawdownBeyondThreshold { get; init; }

    /// <summary>Each metric's distribution over the paths, by metric name.</summary>
    public IReadOnlyDictionary<string, MonteCarloDistributionView> Distributions { get; init; } = new Dictionary<string, MonteCarloDistributionView>();

    /// <summary>The fan chart: equity percentiles at each step.</summary>
    public MonteCarloBandsView Bands { get; init; } = new();

    /// <summary>The blob of the per-path table.</summary>
    public string PathsBlob { get; init; } = "";
}
