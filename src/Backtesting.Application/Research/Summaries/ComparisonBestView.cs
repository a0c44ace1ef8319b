namespace Backtesting.Application.Research;

/// <summary>The best-ranked candidate of a comparison: its index (request order) and label.</summary>
public sealed record ComparisonBestView(int Index, string Label);
