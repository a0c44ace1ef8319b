namespace Backtesting.Application.Research;

/// <summary>A strategy comparison's summary: every candidate's metrics, the ranking and the correlation of daily returns.</summary>
public sealed record ComparisonSummary : ResearchSummary
{
    /// <summary>The metric candidates are ranked by.</summary>
    public string RankBy { get; init; } = "";

    /// <summary>True when a larger value ranks first.</summary>
    public bool Maximize { get; init; }

    /// <summary>Every candidate in request order.</summary>
    public IReadOnlyList<ComparisonCandidateView> Candidates { get; init; } = [];

    /// <summary>The candidates best first.</summary>
    public IReadOnlyList<ComparisonRankView> Ranking { get; init; } = [];

    /// <summary>The best-ranked candidate, whose backtest is the run's; null when no candidate has a defined rank_by value.</summary>
    public ComparisonBestView? Best { get; init; }

    public CorrelationView Correlation { get; init; } = new("daily_returns", [], []);

    /// <summary>The blob of the candidate table (every candidate with its daily equity).</summary>
    public string CandidatesBlob { get; init; } = "";
}
