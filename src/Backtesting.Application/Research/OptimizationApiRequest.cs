using System.Text.Json;

namespace Backtesting.Application.Research;

/// <summary>
/// POST /api/optimizations and run_optimization: a grid (or seeded random) search. Each grid entry is
/// a list of values, {"start", "stop", "step"} (stop inclusive) or a "start:stop:step" string.
/// </summary>
public sealed record OptimizationApiRequest : ResearchRequestBase
{
    public Dictionary<string, JsonElement>? Grid { get; init; }

    /// <summary>Metric to optimize (default sharpe_ratio).</summary>
    public string? Objective { get; init; }

    /// <summary>Null: the metric's natural direction.</summary>
    public bool? Maximize { get; init; }

    /// <summary>Random search: evaluate this many cells drawn without replacement.</summary>
    public int? RandomSamples { get; init; }
    public long? Seed { get; init; }

    /// <summary>Cells with fewer closed trades rank after all others and are marked below_min_trades (default 0: no minimum).</summary>
    public int? MinTrades { get; init; }

    /// <summary>Best cells listed in the summary (default 10).</summary>
    public int? TopN { get; init; }

    /// <summary>Cells per activity (results do not depend on it).</summary>
    public int? BatchSize { get; init; }
}
