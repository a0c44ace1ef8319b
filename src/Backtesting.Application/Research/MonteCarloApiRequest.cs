namespace Backtesting.Application.Research;

/// <summary>
/// POST /api/monte-carlo and run_monte_carlo: many randomized paths of one strategy configuration
/// (trade reshuffles or bootstraps, or re-runs on simulated price paths), path i seeded from (seed, i).
/// </summary>
public sealed record MonteCarloApiRequest : ResearchRequestBase
{
    /// <summary>
    /// trade_reshuffle (default), trade_bootstrap, block_bootstrap or gbm. Trade methods resample the backtest's
    /// closed trades and measure drawdowns trade by trade; price methods bar by bar (the summary's drawdown_basis).
    /// </summary>
    public string? Method { get; init; }

    /// <summary>Number of paths (default 1000).</summary>
    public int? Paths { get; init; }

    /// <summary>Run seed (default 1); the same seed gives the same paths.</summary>
    public long? Seed { get; init; }

    /// <summary>Bars per block of the block bootstrap (default 20).</summary>
    public int? BlockLength { get; init; }

    /// <summary>Drawdown level whose exceedance probability is reported (default 0.2 = 20 %).</summary>
    public double? DrawdownThreshold { get; init; }

    /// <summary>Metrics whose distribution is reported besides final_capital and max_drawdown.</summary>
    public List<string>? Metrics { get; init; }

    /// <summary>Percentile levels in [0, 100] (default 5, 25, 50, 75, 95).</summary>
    public List<double>? Percentiles { get; init; }

    /// <summary>Points of the equity bands (fan chart), default 101.</summary>
    public int? BandPoints { get; init; }

    /// <summary>Paths per activity (results do not depend on it).</summary>
    public int? BatchSize { get; init; }
}
