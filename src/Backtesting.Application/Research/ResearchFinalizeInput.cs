namespace Backtesting.Application.Research;

/// <summary>Every batch of the plan is done: merge them and complete the run.</summary>
public sealed record ResearchFinalizeInput(string RunId, ResearchPlan Plan);
