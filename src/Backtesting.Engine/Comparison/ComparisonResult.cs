namespace Backtesting.Engine.Comparison;

/// <summary>
/// Every candidate in request order, the ranking (candidate indices, best first; undefined metric
/// values last, ties in request order), and the Pearson correlation matrix of the daily returns
/// (null where a candidate's returns have no variance).
/// </summary>
public sealed record ComparisonResult
{
    public required IReadOnlyList<ComparisonEntry> Entries { get; init; }
    public required string RankBy { get; init; }
    public required bool Maximize { get; init; }
    /// <summary>Candidate indices, best first.</summary>
    public required IReadOnlyList<int> Ranking { get; init; }
    /// <summary>Correlation[i][j] of candidates i and j, in request order.</summary>
    public required double?[][] Correlation { get; init; }
}
