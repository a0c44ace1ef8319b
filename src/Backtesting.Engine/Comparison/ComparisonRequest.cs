using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Comparison;

/// <summary>Several strategies or parameter sets on the same bars and window, ranked by one metric.</summary>
public sealed record ComparisonRequest
{
    public required IReadOnlyList<ComparisonCandidate> Candidates { get; init; }

    /// <summary>The strategies the candidates may name (the built-ins, and a user's own).</summary>
    public StrategyLookup Strategies { get; init; } = StrategyLookup.BuiltIns;
    public required double InitialCapital { get; init; }
    public BacktestOptions Options { get; init; } = BacktestOptions.Default;

    /// <summary>First bar time (inclusive, UTC); null for the first bar.</summary>
    public DateTime? From { get; init; }

    /// <summary>Last bar time (inclusive, UTC); null for the last bar.</summary>
    public DateTime? To { get; init; }

    /// <summary>The metric the ranking orders by.</summary>
    public string RankBy { get; init; } = "sharpe_ratio";

    /// <summary>Null: the metric's natural direction.</summary>
    public bool? Maximize { get; init; }

    /// <summary>Upper bound on candidates.</summary>
    public int MaxCandidates { get; init; } = 100;
}
