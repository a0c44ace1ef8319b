namespace Backtesting.Application.Research;

/// <summary>A place of a comparison's ranking: the candidate (index, label) and its rank_by value (null when undefined).</summary>
public sealed record ComparisonRankView(int Rank, int Index, string Label, double? Value);
