namespace Backtesting.Application.Research;

/// <summary>The run a research workflow or activity works on; any job's JSON reads as one (its other fields are ignored).</summary>
public sealed record ResearchRunRef(string RunId, string UserId);
