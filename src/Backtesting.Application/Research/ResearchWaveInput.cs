namespace Backtesting.Application.Research;

/// <summary>A wave of batches of one research run, run by <see cref="ResearchWaveWorkflow"/> through the named batch activity.</summary>
public sealed record ResearchWaveInput(string Activity, string RunId, ResearchPlan Plan, int FirstBatch, int BatchCount);
