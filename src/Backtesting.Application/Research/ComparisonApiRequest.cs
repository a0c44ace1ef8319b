namespace Backtesting.Application.Research;

/// <summary>
/// POST /api/comparisons and compare_strategies: several strategies or parameter sets backtested on the
/// same asset and window, side by side, ranked by one metric, with the correlation of their daily returns.
/// strategy_id and parameters, when given, are shared by the candidates (see <see cref="SharedParameters"/>).
/// </summary>
public sealed record ComparisonApiRequest : ResearchRequestBase
{
    public List<ComparisonCandidateSpec>? Candidates { get; init; }

    /// <summary>Metric the ranking orders by (default sharpe_ratio).</summary>
    public string? RankBy { get; init; }

    /// <summary>Null: the metric's natural direction.</summary>
    public bool? Maximize { get; init; }

    /// <summary>Candidates per activity (default 1; results do not depend on it).</summary>
    public int? BatchSize { get; init; }
}
