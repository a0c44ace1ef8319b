namespace Backtesting.Application.Research;

/// <summary>Progress of a fan-out job after a wave of activities: done out of total units (cells, paths, windows).</summary>
public sealed record ResearchProgressInput(string RunId, string UserId, int Done, int Total);
